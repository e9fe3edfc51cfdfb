package io.sluice.connect.datagen;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * The three data sets and how record number {@code sequence} of each is built. All key on {@code user_id}
 * ({@code user-0} .. {@code user-<users.count - 1>}), so clicks and orders join the users table; times are epoch ms.
 *
 * <ul>
 *   <li>{@code users} {user_id, name, region, signup_ts}: record n describes user n mod users.count, so the first
 *       users.count records hold each user once; later ones (only with a larger max.records) are updates that
 *       move the user to another region. A user's name and signup_ts never change.</li>
 *   <li>{@code clicks} {user_id, page, user_agent, ts}: a share bot.ratio of the clicks carry a crawler agent.</li>
 *   <li>{@code orders} {order_id, user_id, amount_cents, currency, ts}: order_id is {@code order-<n>}.</li>
 * </ul>
 */
public enum DataSet {

    USERS(SchemaBuilder.struct().name("io.sluice.datagen.User")
        .field("user_id", Schema.STRING_SCHEMA)
        .field("name", Schema.STRING_SCHEMA)
        .field("region", Schema.STRING_SCHEMA)
        .field("signup_ts", Schema.INT64_SCHEMA)
        .build()) {
        @Override
        Struct value(long sequence, GeneratorSettings settings) {
            long user = sequence % settings.usersCount();
            SplittableRandom attributes = settings.random(USER_ATTRIBUTES_STREAM, user);
            String name = pick(FIRST_NAMES, attributes) + " " + pick(LAST_NAMES, attributes);
            String firstRegion = pick(REGIONS, attributes);
            boolean update = sequence >= settings.usersCount();
            String region = update ? pick(REGIONS, settings.random(ordinal(), sequence)) : firstRegion;
            return new Struct(schema())
                .put("user_id", GeneratorSettings.userId(user))
                .put("name", name)
                .put("region", region)
                .put("signup_ts", settings.timestampOf(user));
        }
    },

    CLICKS(SchemaBuilder.struct().name("io.sluice.datagen.Click")
        .field("user_id", Schema.STRING_SCHEMA)
        .field("page", Schema.STRING_SCHEMA)
        .field("user_agent", Schema.STRING_SCHEMA)
        .field("ts", Schema.INT64_SCHEMA)
        .build()) {
        @Override
        Struct value(long sequence, GeneratorSettings settings) {
            SplittableRandom random = settings.random(ordinal(), sequence);
            String page = pick(PAGES, random);
            if (page.length() > 1 && page.endsWith("/")) {
                page = page + random.nextInt(500);
            }
            boolean bot = random.nextDouble() < settings.botRatio();
            return new Struct(schema())
                .put("user_id", GeneratorSettings.userId(random.nextInt(settings.usersCount())))
                .put("page", page)
                .put("user_agent", pick(bot ? BOT_AGENTS : BROWSER_AGENTS, random))
                .put("ts", settings.timestampOf(sequence));
        }
    },

    ORDERS(SchemaBuilder.struct().name("io.sluice.datagen.Order")
        .field("order_id", Schema.STRING_SCHEMA)
        .field("user_id", Schema.STRING_SCHEMA)
        .field("amount_cents", Schema.INT64_SCHEMA)
        .field("currency", Schema.STRING_SCHEMA)
        .field("ts", Schema.INT64_SCHEMA)
        .build()) {
        @Override
        Struct value(long sequence, GeneratorSettings settings) {
            SplittableRandom random = settings.random(ordinal(), sequence);
            return new Struct(schema())
                .put("order_id", "order-" + sequence)
                .put("user_id", GeneratorSettings.userId(random.nextInt(settings.usersCount())))
                .put("amount_cents", 199L + random.nextLong(50_000L))
                .put("currency", pick(CURRENCIES, random))
                .put("ts", settings.timestampOf(sequence));
        }
    };

    /** Bot agents are what crawlers send; a click with one of them is a bot click. */
    public static final List<String> BOT_AGENTS = List.of(
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "DuckDuckBot/1.1 (+http://duckduckgo.com/duckduckbot.html)",
        "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)");
    public static final List<String> REGIONS = List.of("EU-WEST", "EU-NORTH", "US-EAST", "US-WEST", "APAC");

    private static final List<String> BROWSER_AGENTS = List.of(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148");
    /** Pages other than the home page that end in '/' get a product or category id appended. */
    private static final List<String> PAGES = List.of("/", "/search", "/products/", "/products/", "/products/",
        "/categories/", "/cart", "/checkout", "/account");
    private static final List<String> FIRST_NAMES = List.of("Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis",
        "Barbara", "Ken", "Frances", "Edsger", "Radia", "Tim", "Hedy", "John", "Katherine", "Niklaus");
    private static final List<String> LAST_NAMES = List.of("Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton",
        "Ritchie", "Liskov", "Thompson", "Allen", "Dijkstra", "Perlman", "Berners-Lee", "Lamarr", "Backus",
        "Johnson", "Wirth");
    private static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP");
    /** Stream id for a user's stable attributes, apart from the per-record streams (the ordinals). */
    private static final long USER_ATTRIBUTES_STREAM = 1_000L;

    private final Schema schema;

    DataSet(Schema schema) {
        this.schema = schema;
    }

    public Schema schema() {
        return schema;
    }

    /** The name {@code data.set} takes for this data set. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Record number {@code sequence}; its key is its {@code user_id}. */
    abstract Struct value(long sequence, GeneratorSettings settings);

    private static String pick(List<String> choices, SplittableRandom random) {
        return choices.get(random.nextInt(choices.size()));
    }
}
