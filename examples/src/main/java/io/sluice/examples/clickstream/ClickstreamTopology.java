package io.sluice.examples.clickstream;

import io.sluice.streams.KeyValue;
import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.kstream.Consumed;
import io.sluice.streams.kstream.EmitStrategy;
import io.sluice.streams.kstream.Grouped;
import io.sluice.streams.kstream.Joined;
import io.sluice.streams.kstream.KTable;
import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.kstream.Named;
import io.sluice.streams.kstream.Produced;
import io.sluice.streams.kstream.TimeWindows;
import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.serde.Serdes;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serde;

/**
 * The clickstream pipeline's Streams topology: page views per region per minute, bots excluded.
 *
 * <pre>
 *   clicks ──filterNot(bot)──leftJoin(users table)──groupBy(region)──1-min tumbling window──count
 *                                                                   └─(on window close)─▶ page-views-per-region
 * </pre>
 *
 * <ul>
 *   <li><b>Bots</b> are clicks whose user agent names a crawler ({@link Click#fromBot()}); they are dropped and
 *       counted.</li>
 *   <li><b>Unknown users.</b> The join is a left join: a click whose user is not (yet) in the table is kept and
 *       counted under region {@value #UNKNOWN_REGION}, so it shows in the output instead of vanishing.</li>
 *   <li><b>Windows</b> are one-minute tumbling windows on the clicks' event time, <b>without grace</b>, emitted
 *       once when they close ({@link EmitStrategy#onWindowClose()}): each (region, window) appears exactly once in
 *       the output, with its final count. No grace is needed because the pipeline's topics have one partition and
 *       datagen's timestamps only move forward, so clicks reach the aggregation in event-time order; with several
 *       partitions the repartition topic interleaves upstream tasks and a grace period would be needed to keep
 *       slightly late clicks. The window still open when input stops is not emitted: it has no final count.</li>
 * </ul>
 *
 * <p>Serdes: keys are strings (the connectors use the StringConverter), values JSON (JsonConverter with schemas
 * disabled on the way in; the output is a {@link RegionPageViews} JSON object keyed by region).
 */
public final class ClickstreamTopology {
    /** The region of clicks whose user is not in the users table. */
    public static final String UNKNOWN_REGION = "unknown";
    public static final Duration WINDOW_SIZE = Duration.ofMinutes(1);
    /** The users table's store; its changelog is {@code <application.id>-users-changelog}. */
    public static final String USERS_STORE = "users";
    /** The window store of the counts. */
    public static final String PAGE_VIEWS_STORE = "page-views";
    /** Names the repartition topic {@code <application.id>-clicks-by-region-repartition}. */
    public static final String GROUPING_NAME = "clicks-by-region";

    private static final Serde<String> KEYS = Serdes.String();

    private ClickstreamTopology() {
    }

    /** Adds the pipeline to {@code builder}, reporting what passes each stage to {@code counters}. */
    public static void build(StreamsBuilder builder, ClickstreamTopics topics, ClickstreamCounters counters) {
        KTable<String, User> users = builder.table(topics.users(), Consumed.with(KEYS, Serdes.json(User.class)),
            Materialized.as(USERS_STORE));
        builder.stream(topics.clicks(), Consumed.with(KEYS, Serdes.json(Click.class)))
            .peek((userId, click) -> counters.clickIn(), Named.as("count-clicks"))
            .filterNot((userId, click) -> {
                boolean bot = click.fromBot();
                if (bot) {
                    counters.botDropped();
                }
                return bot;
            }, Named.as("drop-bots"))
            .leftJoin(users, ClickstreamTopology::enrich,
                Joined.<String, Click, User>with(KEYS, Serdes.json(Click.class), Serdes.json(User.class))
                    .withName("enrich-with-region"))
            .peek((userId, click) -> counters.enriched(!UNKNOWN_REGION.equals(click.region())),
                Named.as("count-enriched"))
            .groupBy((userId, click) -> click.region(),
                Grouped.with(GROUPING_NAME, KEYS, Serdes.json(EnrichedClick.class)))
            .windowedBy(TimeWindows.ofSizeWithNoGrace(WINDOW_SIZE))
            .emitStrategy(EmitStrategy.onWindowClose())
            .count(Named.as("count-page-views"), Materialized.as(PAGE_VIEWS_STORE))
            .toStream()
            .map(ClickstreamTopology::toOutput, Named.as("to-json"))
            .peek((region, views) -> counters.windowEmitted(), Named.as("count-windows"))
            .to(topics.pageViews(), Produced.with(KEYS, Serdes.json(RegionPageViews.class)));
    }

    private static EnrichedClick enrich(Click click, User user) {
        String region = user == null || user.region() == null ? UNKNOWN_REGION : user.region();
        return new EnrichedClick(click.userId(), region, click.page(), click.ts());
    }

    private static KeyValue<String, RegionPageViews> toOutput(Windowed<String> window, Long pageViews) {
        String region = window.key();
        return KeyValue.pair(region, new RegionPageViews(region, Instant.ofEpochMilli(window.window().start()).toString(),
            Instant.ofEpochMilli(window.window().end()).toString(), pageViews));
    }
}
