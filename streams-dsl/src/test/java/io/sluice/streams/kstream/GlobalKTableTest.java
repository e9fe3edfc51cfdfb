package io.sluice.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.TestInputTopic;
import io.sluice.streams.TopologyTestDriver;
import io.sluice.streams.state.KeyValueStore;
import java.util.List;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Global tables fed from their topic (updates and tombstones) and stream-globalTable joins: lookups by a key
 * derived from each click, no repartitioning, table updates never trigger output.
 */
class GlobalKTableTest {
    private static final Consumed<String, String> STRINGS = Consumed.with(Serdes.String(), Serdes.String());

    /** Clicks (key: click id, value: user id) joined with the users table (user id → region). */
    private static TopologyTestDriver driver(Materialized.StoreType storeType) {
        StreamsBuilder builder = new StreamsBuilder();
        GlobalKTable<String, String> users = builder.globalTable("users", STRINGS,
            Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("users-store").withStoreType(storeType));
        KStream<String, String> clicks = builder.stream("clicks", STRINGS);
        clicks.join(users, (click, user) -> user, (click, region) -> click + "@" + region)
            .to("inner", Produced.with(Serdes.String(), Serdes.String()));
        clicks.leftJoin(users, (click, user) -> user, (clickId, user, region) -> clickId + ":" + user + "@" + region)
            .to("left", Produced.with(Serdes.String(), Serdes.String()));
        return new TopologyTestDriver(builder.build());
    }

    private static List<String> output(TopologyTestDriver driver, String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new StringDeserializer())
            .readRecordsToList().stream().map(r -> r.key() + ":" + r.value() + "@" + r.timestamp()).toList();
    }

    private static double dropped(TopologyTestDriver driver) {
        return driver.metrics().entrySet().stream()
            .filter(metric -> metric.getKey().name().equals("dropped-records-total"))
            .mapToDouble(metric -> (Double) ((KafkaMetric) metric.getValue()).metricValue()).sum();
    }

    @ParameterizedTest
    @EnumSource(Materialized.StoreType.class)
    void globalStoreFollowsItsTopicIncludingTombstones(Materialized.StoreType storeType) {
        try (TopologyTestDriver driver = driver(storeType)) {
            TestInputTopic<String, String> users = driver.createInputTopic("users", new StringSerializer(),
                new StringSerializer());
            users.pipeInput("u1", "eu", 10);
            users.pipeInput("u2", "us", 11);
            users.pipeInput("u1", "apac", 12);
            users.pipeInput("u2", null, 13);
            KeyValueStore<String, String> store = driver.getKeyValueStore("users-store");
            assertThat(store.get("u1")).isEqualTo("apac");
            assertThat(store.get("u2")).isNull();
            try (var all = store.all()) {
                assertThat(all.hasNext()).isTrue();
                assertThat(all.next().key).isEqualTo("u1");
                assertThat(all.hasNext()).isFalse();
            }
            assertThat(output(driver, "inner")).isEmpty(); // table updates never trigger output
        }
    }

    @ParameterizedTest
    @EnumSource(Materialized.StoreType.class)
    void streamRecordsJoinTheCurrentTableValueOfTheirDerivedKey(Materialized.StoreType storeType) {
        try (TopologyTestDriver driver = driver(storeType)) {
            TestInputTopic<String, String> users = driver.createInputTopic("users", new StringSerializer(),
                new StringSerializer());
            TestInputTopic<String, String> clicks = driver.createInputTopic("clicks", new StringSerializer(),
                new StringSerializer());
            clicks.pipeInput("c1", "u1", 100);     // u1 unknown yet
            users.pipeInput("u1", "eu", 50);       // the table has no event-time semantics: the latest value wins
            clicks.pipeInput("c2", "u1", 90);
            users.pipeInput("u1", "us", 200);
            clicks.pipeInput("c3", "u1", 110);
            users.pipeInput("u1", null, 300);      // tombstone: u1 leaves the table
            clicks.pipeInput("c4", "u1", 120);
            assertThat(output(driver, "inner")).containsExactly("c2:u1@eu@90", "c3:u1@us@110");
            assertThat(output(driver, "left")).containsExactly("c1:c1:u1@null@100", "c2:c2:u1@eu@90",
                "c3:c3:u1@us@110", "c4:c4:u1@null@120");
        }
    }

    @Test
    void recordsThatCannotJoinAreDroppedAndCounted() {
        try (TopologyTestDriver driver = driver(Materialized.StoreType.ROCKS_DB)) {
            TestInputTopic<String, String> users = driver.createInputTopic("users", new StringSerializer(),
                new StringSerializer());
            TestInputTopic<String, String> clicks = driver.createInputTopic("clicks", new StringSerializer(),
                new StringSerializer());
            users.pipeInput("u1", "eu", 1);
            clicks.pipeInput("c1", null, 100);     // null value: both joins drop it
            clicks.pipeInput(null, "u1", 101);     // null record key: the derived key still joins (KIP-962)
            assertThat(output(driver, "inner")).containsExactly("null:u1@eu@101");
            assertThat(output(driver, "left")).containsExactly("null:null:u1@eu@101");
            assertThat(dropped(driver)).isEqualTo(2.0);
        }
    }

    @Test
    void aNullDerivedKeyDropsTheRecordUnlessALeftJoinRecordHasNoKeyEither() {
        StreamsBuilder builder = new StreamsBuilder();
        GlobalKTable<String, String> users = builder.globalTable("users", STRINGS);
        KStream<String, String> clicks = builder.stream("clicks", STRINGS);
        KeyValueMapper<String, String, String> noUser = (click, user) -> user.isEmpty() ? null : user;
        clicks.join(users, noUser, (click, region) -> click + "@" + region)
            .to("inner", Produced.with(Serdes.String(), Serdes.String()));
        clicks.leftJoin(users, noUser, (click, region) -> click + "@" + region)
            .to("left", Produced.with(Serdes.String(), Serdes.String()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, String> clicks1 = driver.createInputTopic("clicks", new StringSerializer(),
                new StringSerializer());
            clicks1.pipeInput("c1", "", 100);      // dropped by both joins
            clicks1.pipeInput(null, "", 101);      // dropped by the inner join; the left join joins it with null
            assertThat(output(driver, "inner")).isEmpty();
            assertThat(output(driver, "left")).containsExactly("null:@null@101");
            assertThat(dropped(driver)).isEqualTo(3.0);
        }
    }

    @Test
    void queryableStoreNameIsTheGivenStoreNameOnly() {
        StreamsBuilder builder = new StreamsBuilder();
        assertThat(builder.globalTable("a", Materialized.as("a-store")).queryableStoreName()).isEqualTo("a-store");
        assertThat(builder.globalTable("b").queryableStoreName()).isNull();
    }

    @Test
    void describeShowsTheGlobalStoreAndTheLookupJoin() {
        StreamsBuilder builder = new StreamsBuilder();
        GlobalKTable<String, String> users = builder.globalTable("users", STRINGS);
        builder.stream("clicks", STRINGS).join(users, (click, user) -> user, (click, region) -> click + region)
            .to("out");
        String description = builder.build().describe().toString();
        // Numbered by source names as in Kafka Streams: the global store's source comes first.
        assertThat(description)
            .contains("Sub-topology: 0 for global store (will not generate tasks)")
            .contains("Sub-topology: 1\n")
            .contains("Source: KSTREAM-SOURCE-0000000001 (topics: [users])")
            .contains("Processor: KTABLE-SOURCE-0000000002 (stores: [users-STATE-STORE-0000000000])")
            .contains("Processor: KSTREAM-LEFTJOIN-0000000004 (stores: [])");
    }
}
