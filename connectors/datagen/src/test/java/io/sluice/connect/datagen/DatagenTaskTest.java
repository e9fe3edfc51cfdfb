package io.sluice.connect.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connect.testkit.InMemoryOffsetStore;
import io.sluice.connect.testkit.SourceTaskHarness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class DatagenTaskTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final InMemoryOffsetStore offsets = new InMemoryOffsetStore();
    private final ManualClock clock = new ManualClock();

    @Test
    void shouldGenerateTheSameRecordsFromTheSameSeed() {
        Map<String, String> config = config("clicks", Map.of("seed", "7"));

        List<SourceRecord> first = drain(config, new InMemoryOffsetStore(), 200);
        List<SourceRecord> second = drain(config, new InMemoryOffsetStore(), 200);
        List<SourceRecord> otherSeed = drain(config("clicks", Map.of("seed", "8")), new InMemoryOffsetStore(), 200);

        assertThat(first).hasSize(200).isEqualTo(second);
        assertThat(values(otherSeed)).isNotEqualTo(values(first));
    }

    @Test
    void shouldContinueTheSequenceAfterARestartWithoutRepeatingARecord() {
        Map<String, String> config = config("orders", Map.of("max.records", "100", "batch.size", "30"));
        List<SourceRecord> uninterrupted = drain(config, new InMemoryOffsetStore(), 100);

        List<SourceRecord> resumed = new ArrayList<>();
        try (SourceTaskHarness task = start(config)) {
            resumed.addAll(task.poll());
            resumed.addAll(task.poll());
        }
        assertThat(resumed).hasSize(60);
        resumed.addAll(drain(config, offsets, 40));

        assertThat(resumed).isEqualTo(uninterrupted);
        assertThat(offsets.offset(resumed.get(99).sourcePartition())).isEqualTo(Map.of("sequence", 99L));
    }

    @Test
    void shouldHoldTheConfiguredRateMeasuredOnTheTaskClock() {
        long tenSeconds = TimeUnit.SECONDS.toNanos(10);
        int produced = 0;
        try (SourceTaskHarness task = start(config("clicks", Map.of("rate", "50")))) {
            while (clock.nanoTime() < tenSeconds) {
                produced += task.poll().size();
            }
        }
        // 50/s for 10 s, plus at most the initial burst of a tenth of a second's worth (5 records).
        assertThat(produced).isBetween(500, 505);
    }

    @Test
    void shouldStopAfterMaxRecordsAndStayIdle() {
        try (SourceTaskHarness task = start(config("orders", Map.of("max.records", "30", "batch.size", "7")))) {
            List<SourceRecord> all = task.pollAtLeast(30, TIMEOUT);
            assertThat(all).hasSize(30);
            long before = clock.nanoTime();

            assertThat(task.poll()).isEmpty();
            assertThat(task.poll()).isEmpty();
            assertThat(clock.nanoTime() - before).isEqualTo(2 * DatagenTask.IDLE_PARK_NANOS);
        }
    }

    @Test
    void shouldGiveTheConfiguredShareOfClicksToBots() {
        List<SourceRecord> clicks = drain(config("clicks", Map.of("bot.ratio", "0.25")), offsets, 10_000);
        long bots = clicks.stream().map(r -> ((Struct) r.value()).getString("user_agent"))
            .filter(DataSet.BOT_AGENTS::contains).count();
        assertThat(bots / 10_000.0).isBetween(0.23, 0.27);

        List<SourceRecord> humanOnly = drain(config("clicks", Map.of("bot.ratio", "0")), new InMemoryOffsetStore(),
            1_000);
        assertThat(humanOnly).noneMatch(r -> DataSet.BOT_AGENTS.contains(((Struct) r.value()).getString("user_agent")));
    }

    @Test
    void shouldKeyByUserIdWithStructValuesStampedWithTheirEventTime() {
        List<SourceRecord> clicks = drain(config("clicks", Map.of("ts.start", "1000", "ts.step.ms", "250", "batch.size", "3")),
            offsets, 3);

        for (int i = 0; i < 3; i++) {
            SourceRecord record = clicks.get(i);
            Struct value = (Struct) record.value();
            assertThat(record.topic()).isEqualTo("demo");
            assertThat(record.keySchema()).isEqualTo(Schema.STRING_SCHEMA);
            assertThat(record.key()).isEqualTo(value.getString("user_id"));
            assertThat(record.valueSchema()).isEqualTo(DataSet.CLICKS.schema());
            assertThat(value.getInt64("ts")).isEqualTo(1000L + 250L * i);
            assertThat(record.timestamp()).isEqualTo(1000L + 250L * i);
            assertThat(record.sourceOffset()).isEqualTo(Map.of("sequence", (long) i));
        }
        assertThat(DataSet.USERS.schema().fields()).extracting(f -> f.name())
            .containsExactly("user_id", "name", "region", "signup_ts");
        assertThat(DataSet.ORDERS.schema().fields()).extracting(f -> f.name())
            .containsExactly("order_id", "user_id", "amount_cents", "currency", "ts");
    }

    @Test
    void shouldEmitEachUserOnceSoClicksAndOrdersJoinTheUsersTable() {
        Map<String, String> sizes = Map.of("users.count", "50");
        List<SourceRecord> users = drain(config("users", sizes), new InMemoryOffsetStore(), 50);
        try (SourceTaskHarness task = SourceTaskHarness.start(new DatagenTask(clock), config("users", sizes),
                new InMemoryOffsetStore())) {
            assertThat(task.pollAtLeast(50, TIMEOUT)).hasSize(50);
            assertThat(task.poll()).isEmpty();
        }
        Set<Object> userIds = new HashSet<>();
        users.forEach(user -> userIds.add(user.key()));
        assertThat(userIds).hasSize(50);
        assertThat(users).allSatisfy(user ->
            assertThat(DataSet.REGIONS).contains(((Struct) user.value()).getString("region")));

        List<SourceRecord> clicks = drain(config("clicks", sizes), new InMemoryOffsetStore(), 2_000);
        List<SourceRecord> orders = drain(config("orders", sizes), new InMemoryOffsetStore(), 500);
        assertThat(clicks).allSatisfy(click -> assertThat(userIds).contains(click.key()));
        assertThat(orders).allSatisfy(order -> assertThat(userIds).contains(order.key()));
        Set<Object> clickingUsers = new HashSet<>();
        clicks.forEach(click -> clickingUsers.add(click.key()));
        assertThat(clickingUsers).hasSize(50);
    }

    @Test
    void shouldUpdateUsersBeyondUsersCountWithoutChangingTheirNames() {
        List<SourceRecord> users = drain(config("users", Map.of("users.count", "10", "max.records", "30")), offsets,
            30);

        for (int i = 10; i < 30; i++) {
            Struct update = (Struct) users.get(i).value();
            Struct original = (Struct) users.get(i % 10).value();
            assertThat(update.getString("user_id")).isEqualTo(original.getString("user_id"));
            assertThat(update.getString("name")).isEqualTo(original.getString("name"));
            assertThat(update.getInt64("signup_ts")).isEqualTo(original.getInt64("signup_ts"));
        }
    }

    @Test
    void shouldStripeTheSequenceOverTasksSoEachRecordIsProducedOnce() {
        Map<String, String> config = config("orders", Map.of("max.records", "30"));
        List<SourceRecord> single = drain(config, new InMemoryOffsetStore(), 30);
        DatagenConnector connector = new DatagenConnector();
        connector.start(config);

        Set<Object> orderIds = new HashSet<>();
        List<Struct> striped = new ArrayList<>();
        for (Map<String, String> taskConfig : connector.taskConfigs(3)) {
            for (SourceRecord record : drain(taskConfig, offsets, 10)) {
                striped.add((Struct) record.value());
                orderIds.add(((Struct) record.value()).getString("order_id"));
            }
        }

        assertThat(orderIds).hasSize(30);
        assertThat(striped).containsExactlyInAnyOrderElementsOf(values(single));
    }

    @Test
    void shouldConvertWithJsonConverterWithAndWithoutSchemas() {
        SourceRecord order = drain(config("orders", Map.of("batch.size", "1")), offsets, 1).get(0);
        Struct value = (Struct) order.value();

        String withSchemas = json(order, true);
        String withoutSchemas = json(order, false);

        assertThat(withSchemas).startsWith("{\"schema\":{\"type\":\"struct\"")
            .contains("\"name\":\"io.sluice.datagen.Order\"")
            .contains("\"payload\":{\"order_id\":\"order-0\"");
        assertThat(withoutSchemas).isEqualTo("{\"order_id\":\"order-0\",\"user_id\":\"" + value.getString("user_id")
            + "\",\"amount_cents\":" + value.getInt64("amount_cents") + ",\"currency\":\""
            + value.getString("currency") + "\",\"ts\":" + DatagenConfig.DEFAULT_TS_START + "}");
    }

    private static String json(SourceRecord record, boolean schemas) {
        try (JsonConverter converter = new JsonConverter()) {
            converter.configure(Map.of("schemas.enable", Boolean.toString(schemas)), false);
            byte[] bytes = converter.fromConnectData(record.topic(), record.valueSchema(), record.value());
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Polls a fresh task on {@code store} for exactly {@code count} records, then stops it. */
    private List<SourceRecord> drain(Map<String, String> config, InMemoryOffsetStore store, int count) {
        try (SourceTaskHarness task = SourceTaskHarness.start(new DatagenTask(clock), config, store)) {
            List<SourceRecord> records = task.pollAtLeast(count, TIMEOUT);
            assertThat(records).hasSize(count);
            return records;
        }
    }

    private SourceTaskHarness start(Map<String, String> config) {
        return SourceTaskHarness.start(new DatagenTask(clock), config, offsets);
    }

    private static Map<String, String> config(String dataSet, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(Map.of("data.set", dataSet, "topic", "demo", "rate", "0",
            "batch.size", "100"));
        config.putAll(overrides);
        return config;
    }

    private static List<Struct> values(List<SourceRecord> records) {
        return records.stream().map(record -> (Struct) record.value()).toList();
    }
}
