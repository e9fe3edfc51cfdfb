package io.sluice.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.streams.KeyValue;
import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.TestInputTopic;
import io.sluice.streams.TestOutputTopic;
import io.sluice.streams.TopologyTestDriver;
import io.sluice.streams.state.KeyValueStore;
import io.sluice.streams.state.ValueAndTimestamp;
import io.sluice.streams.test.TestRecord;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Regrouped tables: each update subtracts the old value from its group and adds the new one to its group. */
class KGroupedTableTest {
    private static final Consumed<String, String> STRINGS = Consumed.with(Serdes.String(), Serdes.String());

    /** user → region table, counted per region. */
    @ParameterizedTest
    @EnumSource(Materialized.StoreType.class)
    void countMovesAUserBetweenRegionsAndTombstonesOnlySubtract(Materialized.StoreType storeType) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("users", STRINGS)
            .groupBy((user, region) -> KeyValue.pair(region, user), Grouped.with(Serdes.String(), Serdes.String()))
            .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("per-region").withStoreType(storeType))
            .toStream().to("counts", Produced.with(Serdes.String(), Serdes.Long()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, String> users = driver.createInputTopic("users", new StringSerializer(),
                new StringSerializer());
            TestOutputTopic<String, Long> counts = driver.createOutputTopic("counts", new StringDeserializer(),
                new LongDeserializer());
            users.pipeInput("alice", "eu", 10);
            users.pipeInput("bob", "eu", 20);
            users.pipeInput("alice", "us", 15);    // moves: eu loses one, then us gains one
            users.pipeInput("bob", null, 30);      // deleted: eu loses one, and stays at 0
            users.pipeInput("carol", null, 40);    // deleting an unknown key changes nothing
            assertThat(counts.readRecordsToList()).containsExactly(
                new TestRecord<>("eu", 1L, null, 10L),
                new TestRecord<>("eu", 2L, null, 20L),
                new TestRecord<>("eu", 1L, null, 20L),     // max(15, aggregate's 20)
                new TestRecord<>("us", 1L, null, 15L),
                new TestRecord<>("eu", 0L, null, 30L));
            KeyValueStore<String, ValueAndTimestamp<Long>> store = driver.getTimestampedKeyValueStore("per-region");
            assertThat(store.get("eu")).isEqualTo(ValueAndTimestamp.make(0L, 30));
            assertThat(store.get("us")).isEqualTo(ValueAndTimestamp.make(1L, 15));
            assertThat(driver.producedTopicNames()).contains("topology-test-driver-per-region-repartition");
        }
    }

    @Test
    void anUpdateWithinTheSameGroupSubtractsAndAddsInOneStep() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("balances", Consumed.with(Serdes.String(), Serdes.Long()))
            .groupBy((account, balance) -> KeyValue.pair("total", balance), Grouped.with(Serdes.String(),
                Serdes.Long()))
            .reduce(Long::sum, (aggregate, old) -> aggregate - old)
            .toStream().to("totals", Produced.with(Serdes.String(), Serdes.Long()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, Long> balances = driver.createInputTopic("balances", new StringSerializer(),
                new org.apache.kafka.common.serialization.LongSerializer());
            balances.pipeInput("x", 100L, 1);
            balances.pipeInput("y", 50L, 2);
            balances.pipeInput("x", 70L, 3);    // one output: 150 - 100 + 70, never the intermediate 50
            balances.pipeInput("y", null, 4);
            assertThat(driver.createOutputTopic("totals", new StringDeserializer(), new LongDeserializer())
                .readValuesToList()).containsExactly(100L, 150L, 120L, 70L);
        }
    }

    @Test
    void aggregateUsesTheSubtractorOnTheOldValueAndTheAdderOnTheNew() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("items", STRINGS)
            .groupBy((item, category) -> KeyValue.pair(category, item))
            .aggregate(() -> "", (category, item, list) -> list + "+" + item,
                (category, item, list) -> list + "-" + item,
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("lists")
                    .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
            .toStream().to("lists", Produced.with(Serdes.String(), Serdes.String()));
        java.util.Properties props = new java.util.Properties();
        props.put(io.sluice.streams.StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(io.sluice.streams.StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, String> items = driver.createInputTopic("items", new StringSerializer(),
                new StringSerializer());
            items.pipeInput("apple", "fruit");
            items.pipeInput("kale", "veg");
            items.pipeInput("apple", "veg");
            assertThat(driver.createOutputTopic("lists", new StringDeserializer(), new StringDeserializer())
                .readKeyValuesToList()).containsExactly(KeyValue.pair("fruit", "+apple"), KeyValue.pair("veg", "+kale"),
                KeyValue.pair("fruit", "+apple-apple"), KeyValue.pair("veg", "+kale+apple"));
        }
    }

    @Test
    void aNullGroupKeyIsDroppedAndCounted() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("users", STRINGS)
            .groupBy((user, region) -> KeyValue.pair(region.isEmpty() ? null : region, user),
                Grouped.with(Serdes.String(), Serdes.String()))
            .count()
            .toStream().to("counts", Produced.with(Serdes.String(), Serdes.Long()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, String> users = driver.createInputTopic("users", new StringSerializer(),
                new StringSerializer());
            users.pipeInput("alice", "");
            users.pipeInput("alice", "eu");    // the old value had no group: nothing to subtract
            assertThat(driver.createOutputTopic("counts", new StringDeserializer(), new LongDeserializer())
                .readKeyValuesToList()).containsExactly(KeyValue.pair("eu", 1L));
            assertThat(driver.metrics().entrySet()).anyMatch(metric -> metric.getKey().name()
                .equals("dropped-records-total") && (Double) metric.getValue().metricValue() == 1.0);
        }
    }
}
