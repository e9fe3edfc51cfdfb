package io.sluice.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.streams.KeyValue;
import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.StreamsConfig;
import io.sluice.streams.TestInputTopic;
import io.sluice.streams.TestOutputTopic;
import io.sluice.streams.TopologyTestDriver;
import io.sluice.streams.state.KeyValueStore;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DSL operators through the test driver, with both store types. */
class DslTest {
    private static Properties stringDefaults() {
        Properties props = new Properties();
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        return props;
    }

    @ParameterizedTest
    @EnumSource(Materialized.StoreType.class)
    void wordCountRepartitionsByWord(Materialized.StoreType storeType) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("lines")
            .flatMapValues(line -> Arrays.asList(line.toLowerCase(Locale.ROOT).split("\\W+")))
            .groupBy((key, word) -> word)
            .count(Materialized.<String, Long, KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>>as("counts")
                .withStoreType(storeType))
            .toStream()
            .to("word-counts", Produced.with(Serdes.String(), Serdes.Long()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), stringDefaults())) {
            TestInputTopic<String, String> lines = driver.createInputTopic("lines", new StringSerializer(),
                new StringSerializer());
            TestOutputTopic<String, Long> counts = driver.createOutputTopic("word-counts", new StringDeserializer(),
                new LongDeserializer());
            lines.pipeInput("Hello hello world");
            // Each word comes back from the repartition topic as its own record, and the driver commits after
            // every record (as Kafka's does): one update per word.
            assertThat(counts.readKeyValuesToList()).containsExactly(KeyValue.pair("hello", 1L),
                KeyValue.pair("hello", 2L), KeyValue.pair("world", 1L));
            lines.pipeInput("world");
            assertThat(counts.readKeyValuesToList()).containsExactly(KeyValue.pair("world", 2L));
            KeyValueStore<String, Long> store = driver.getKeyValueStore("counts");
            assertThat(store.get("hello")).isEqualTo(2L);
            assertThat(driver.producedTopicNames()).anyMatch(topic -> topic.endsWith("-repartition"))
                .anyMatch(topic -> topic.endsWith("counts-changelog"));
        }
        assertThat(builder.build().describe().subtopologies()).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Materialized.StoreType.class)
    void cacheAbsorbsUpdatesOfOneKeyMadeByOneInputRecord(Materialized.StoreType storeType) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("baskets")
            .flatMapValues(basket -> List.of(basket.split(",")))
            .groupByKey()
            .count(Materialized.<String, Long, KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>>as("items")
                .withStoreType(storeType))
            .toStream()
            .to("item-counts", Produced.with(Serdes.String(), Serdes.Long()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), stringDefaults())) {
            driver.createInputTopic("baskets", new StringSerializer(), new StringSerializer())
                .pipeInput("alice", "apple,pear,plum");
            TestOutputTopic<String, Long> counts = driver.createOutputTopic("item-counts", new StringDeserializer(),
                new LongDeserializer());
            assertThat(counts.readKeyValuesToList()).containsExactly(KeyValue.pair("alice", 3L));
        }
    }

    @Test
    void statelessOperatorsChainInOrder() {
        StreamsBuilder builder = new StreamsBuilder();
        List<String> peeked = new java.util.ArrayList<>();
        KStream<String, String> input = builder.stream("in");
        KStream<String, String> other = builder.stream("other");
        input.merge(other)
            .filter((key, value) -> !value.isEmpty())
            .filterNot((key, value) -> value.startsWith("#"))
            .mapValues(value -> value.toUpperCase(Locale.ROOT))
            .selectKey((key, value) -> value.substring(0, 1))
            .map((key, value) -> KeyValue.pair(key + "!", value + "?"))
            .flatMap((key, value) -> List.of(KeyValue.pair(key, value), KeyValue.pair(key + key, value)))
            .peek((key, value) -> peeked.add(key))
            .to("out");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), stringDefaults())) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(),
                new StringSerializer());
            TestInputTopic<String, String> otherIn = driver.createInputTopic("other", new StringSerializer(),
                new StringSerializer());
            in.pipeInput("k", "abc");
            in.pipeInput("k", "");
            otherIn.pipeInput("k", "#skip");
            otherIn.pipeInput("k", "xyz");
            TestOutputTopic<String, String> out = driver.createOutputTopic("out", new StringDeserializer(),
                new StringDeserializer());
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("A!", "ABC?"),
                KeyValue.pair("A!A!", "ABC?"), KeyValue.pair("X!", "XYZ?"), KeyValue.pair("X!X!", "XYZ?"));
            assertThat(peeked).containsExactly("A!", "A!A!", "X!", "X!X!");
        }
    }

    @Test
    void streamTableJoinsSeeTheTableAsOfEachStreamRecord() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> users = builder.table("users", Materialized.as("users-store"));
        KStream<String, String> clicks = builder.stream("clicks");
        clicks.join(users, (click, region) -> click + "@" + region).to("inner");
        clicks.leftJoin(users, (click, region) -> click + "@" + region).to("left");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), stringDefaults())) {
            TestInputTopic<String, String> userIn = driver.createInputTopic("users", new StringSerializer(),
                new StringSerializer());
            TestInputTopic<String, String> clickIn = driver.createInputTopic("clicks", new StringSerializer(),
                new StringSerializer());
            TestOutputTopic<String, String> inner = driver.createOutputTopic("inner", new StringDeserializer(),
                new StringDeserializer());
            TestOutputTopic<String, String> left = driver.createOutputTopic("left", new StringDeserializer(),
                new StringDeserializer());
            clickIn.pipeInput("alice", "home");
            userIn.pipeInput("alice", "eu");
            clickIn.pipeInput("alice", "cart");
            userIn.pipeInput("alice", (String) null); // tombstone: alice leaves the table
            clickIn.pipeInput("alice", "exit");
            clickIn.pipeInput(null, "anonymous"); // no key: cannot join, dropped and counted
            assertThat(inner.readValuesToList()).containsExactly("cart@eu");
            assertThat(left.readValuesToList()).containsExactly("home@null", "cart@eu", "exit@null");
            assertThat(driver.metrics().entrySet()).anyMatch(metric -> metric.getKey().name()
                .equals("dropped-records-total") && ((Double) metric.getValue().metricValue()) >= 2.0);
        }
    }

    @Test
    void tableOperatorsForwardChangesAndTombstones() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>table("prices")
            .mapValues(price -> Long.parseLong(price))
            .filter((key, price) -> price >= 10)
            .toStream()
            .to("expensive", Produced.with(Serdes.String(), Serdes.Long()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), stringDefaults())) {
            TestInputTopic<String, String> prices = driver.createInputTopic("prices", new StringSerializer(),
                new StringSerializer());
            TestOutputTopic<String, Long> expensive = driver.createOutputTopic("expensive", new StringDeserializer(),
                new LongDeserializer());
            prices.pipeInput("a", "5");    // never passed the filter: nothing to retract
            prices.pipeInput("b", "20");
            prices.pipeInput("b", "3");    // drops out of the filter: a tombstone
            prices.pipeInput("c", "30");
            prices.pipeInput("c", (String) null);   // deleted upstream: a tombstone
            List<KeyValue<String, Long>> out = expensive.readKeyValuesToList();
            assertThat(out).containsExactly(KeyValue.pair("b", 20L), KeyValue.pair("b", null),
                KeyValue.pair("c", 30L), KeyValue.pair("c", null));
        }
    }

    @Test
    void aggregateAndReduceWithExplicitSerdes() {
        StreamsBuilder builder = new StreamsBuilder();
        KGroupedStream<String, Long> grouped = builder.stream("amounts", Consumed.with(Serdes.String(), Serdes.Long()))
            .groupByKey();
        grouped.reduce(Long::sum, Materialized.as("sums")).toStream().to("sums",
            Produced.with(Serdes.String(), Serdes.Long()));
        grouped.aggregate(() -> "", (key, value, agg) -> agg + value + ";",
                Materialized.<String, String, KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>>as("joined")
                    .withValueSerde(Serdes.String()).withCachingDisabled())
            .toStream().to("joined", Produced.with(Serdes.String(), Serdes.String()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, Long> amounts = driver.createInputTopic("amounts", new StringSerializer(),
                new org.apache.kafka.common.serialization.LongSerializer());
            amounts.pipeInput("x", 5L);
            amounts.pipeInput("x", 7L);
            amounts.pipeInput("y", 1L);
            Map<String, Long> sums = driver.createOutputTopic("sums", new StringDeserializer(),
                new LongDeserializer()).readKeyValuesToMap();
            assertThat(sums).containsExactlyInAnyOrderEntriesOf(Map.of("x", 12L, "y", 1L));
            assertThat(driver.createOutputTopic("joined", new StringDeserializer(), new StringDeserializer())
                .readValuesToList()).containsExactly("5;", "5;7;", "1;");
        }
    }
}
