package io.sluice.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.streams.KeyValue;
import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.StreamsConfig;
import io.sluice.streams.TestInputTopic;
import io.sluice.streams.TopologyConfig;
import io.sluice.streams.TopologyTestDriver;
import io.sluice.streams.kstream.Consumed;
import io.sluice.streams.kstream.EmitStrategy;
import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.kstream.Produced;
import io.sluice.streams.kstream.TimeWindows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** DSL operators take their stores from the {@link DslStoreSuppliers} their {@code Materialized} names (KIP-954). */
class DslStoreSuppliersTest {
    static Stream<Arguments> builtInSuppliers() {
        return Stream.of(Arguments.of(BuiltInDslStoreSuppliers.ROCKS_DB, true),
            Arguments.of(BuiltInDslStoreSuppliers.IN_MEMORY, false),
            Arguments.of(Materialized.StoreType.ROCKS_DB, true),
            Arguments.of(Materialized.StoreType.IN_MEMORY, false));
    }

    private static TopologyTestDriver tableCount(Materialized<String, Long, KeyValueStore<Bytes, byte[]>> counts) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .count(counts.withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()))
            .toStream()
            .to("counts", Produced.with(Serdes.String(), Serdes.Long()));
        return new TopologyTestDriver(builder.build());
    }

    private static TopologyTestDriver windowedCount(
            Materialized<String, Long, WindowStore<Bytes, byte[]>> counts) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), Duration.ofSeconds(10)))
            .count(counts.withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()))
            .toStream((windowed, count) -> windowed.key() + "@" + windowed.window().start())
            .to("counts", Produced.with(Serdes.String(), Serdes.Long()));
        return new TopologyTestDriver(builder.build());
    }

    private static List<KeyValue<String, Long>> pipeClicks(TopologyTestDriver driver) {
        TestInputTopic<String, String> clicks = driver.createInputTopic("clicks", new StringSerializer(),
            new StringSerializer());
        clicks.pipeInput("alice", "/a", 1_000L);
        clicks.pipeInput("bob", "/b", 2_000L);
        clicks.pipeInput("alice", "/c", 61_000L);
        return driver.createOutputTopic("counts", new StringDeserializer(), new LongDeserializer())
            .readKeyValuesToList();
    }

    @ParameterizedTest
    @MethodSource("builtInSuppliers")
    void keyValueAggregationUsesTheStoreKindItWasGiven(DslStoreSuppliers suppliers, boolean persistent) {
        try (TopologyTestDriver driver = tableCount(
                Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("clicks-per-user")
                    .withStoreType(suppliers))) {
            assertThat(pipeClicks(driver)).containsExactly(KeyValue.pair("alice", 1L), KeyValue.pair("bob", 1L),
                KeyValue.pair("alice", 2L));
            assertThat(driver.getStateStore("clicks-per-user").persistent()).isEqualTo(persistent);
        }
    }

    @ParameterizedTest
    @MethodSource("builtInSuppliers")
    void windowedAggregationUsesTheStoreKindItWasGiven(DslStoreSuppliers suppliers, boolean persistent) {
        try (TopologyTestDriver driver = windowedCount(
                Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("clicks-per-minute")
                    .withStoreType(suppliers))) {
            assertThat(pipeClicks(driver)).containsExactly(KeyValue.pair("alice@0", 1L), KeyValue.pair("bob@0", 1L),
                KeyValue.pair("alice@60000", 1L));
            assertThat(driver.getStateStore("clicks-per-minute").persistent()).isEqualTo(persistent);
        }
    }

    @Test
    void anUnnamedStoreComesFromTheSuppliersGivenToAs() {
        try (TopologyTestDriver driver = tableCount(Materialized.as(BuiltInDslStoreSuppliers.IN_MEMORY))) {
            assertThat(pipeClicks(driver)).hasSize(3);
            assertThat(driver.getAllStateStores().values()).singleElement()
                .satisfies(store -> assertThat(store.persistent()).isFalse());
        }
    }

    @Test
    void withoutSuppliersTheDslDefaultsToRocksDb() {
        try (TopologyTestDriver driver = tableCount(Materialized.as("clicks-per-user"))) {
            assertThat(pipeClicks(driver)).hasSize(3);
            assertThat(driver.getStateStore("clicks-per-user").persistent()).isTrue();
        }
    }

    @Test
    void customSuppliersAreAskedWithTheOperatorsStoreParameters() {
        RecordingSuppliers recording = new RecordingSuppliers();
        try (TopologyTestDriver driver = windowedCount(
                Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("clicks-per-minute")
                    .withStoreType(recording))) {
            assertThat(pipeClicks(driver)).hasSize(3);
        }
        try (TopologyTestDriver driver = tableCount(
                Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("clicks-per-user")
                    .withStoreType(recording))) {
            assertThat(pipeClicks(driver)).hasSize(3);
        }

        // Retention defaults to window size plus grace, as in Kafka Streams.
        assertThat(recording.windowParams).containsExactly(new DslWindowParams("clicks-per-minute",
            Duration.ofSeconds(70), Duration.ofMinutes(1), false, EmitStrategy.onWindowUpdate(), false, true));
        // DSL stores are timestamped, as Kafka Streams' are.
        assertThat(recording.keyValueParams).containsExactly(new DslKeyValueParams("clicks-per-user", true));
    }

    /** Hands out in-memory stores and records what it was asked for. */
    private static final class RecordingSuppliers implements DslStoreSuppliers {
        final List<DslKeyValueParams> keyValueParams = new ArrayList<>();
        final List<DslWindowParams> windowParams = new ArrayList<>();

        @Override
        public KeyValueBytesStoreSupplier keyValueStore(DslKeyValueParams params) {
            keyValueParams.add(params);
            return BuiltInDslStoreSuppliers.IN_MEMORY.keyValueStore(params);
        }

        @Override
        public WindowBytesStoreSupplier windowStore(DslWindowParams params) {
            windowParams.add(params);
            return BuiltInDslStoreSuppliers.IN_MEMORY.windowStore(params);
        }

        @Override
        public SessionBytesStoreSupplier sessionStore(DslSessionParams params) {
            throw new AssertionError("no session store expected, asked for " + params);
        }
    }

    private static boolean countStoreIsPersistent(StreamsBuilder builder) {
        builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("clicks-per-user")
                .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            return driver.getStateStore("clicks-per-user").persistent();
        }
    }

    private static StreamsConfig config(String key, Object value) {
        Properties props = new Properties();
        props.put(key, value);
        return new StreamsConfig(props);
    }

    @Test
    void aTopologyConfigChoosesTheStoresOfOperatorsThatNameNone() {
        assertThat(countStoreIsPersistent(new StreamsBuilder(new TopologyConfig(
            config(StreamsConfig.DEFAULT_DSL_STORE_CONFIG, StreamsConfig.IN_MEMORY))))).isFalse();
        assertThat(countStoreIsPersistent(new StreamsBuilder(new TopologyConfig(
            config(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG,
                BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class))))).isFalse();
        // A per-topology override wins over the application's setting.
        Properties override = new Properties();
        override.put(StreamsConfig.DEFAULT_DSL_STORE_CONFIG, StreamsConfig.ROCKS_DB);
        assertThat(countStoreIsPersistent(new StreamsBuilder(new TopologyConfig("t",
            config(StreamsConfig.DEFAULT_DSL_STORE_CONFIG, StreamsConfig.IN_MEMORY), override)))).isTrue();
        // Without a TopologyConfig the builder uses RocksDB, as Kafka Streams' does.
        assertThat(countStoreIsPersistent(new StreamsBuilder())).isTrue();
    }

    @Test
    void aStoreSuppliersClassThatIsNotOneIsAConfigError() {
        StreamsConfig config = config(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, String.class);
        assertThatThrownBy(() -> new TopologyConfig(config).dslStoreSuppliers())
            .hasMessageContaining(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG);
    }
}
