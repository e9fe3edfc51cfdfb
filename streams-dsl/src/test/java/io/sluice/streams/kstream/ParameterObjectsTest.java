package io.sluice.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.streams.AutoOffsetReset;
import io.sluice.streams.errors.TopologyException;
import io.sluice.streams.processor.StreamPartitioner;
import io.sluice.streams.processor.TimestampExtractor;
import io.sluice.streams.processor.WallclockTimestampExtractor;
import io.sluice.streams.state.KeyValueStore;
import io.sluice.streams.state.Stores;
import io.sluice.streams.state.WindowBytesStoreSupplier;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

class ParameterObjectsTest {
    private static final Serde<String> STRING = Serdes.String();
    private static final Serde<Long> LONG = Serdes.Long();

    @Test
    void namedAcceptsLegalNamesAndRejectsOthersWithATopologyException() {
        assertThat(Named.as("my-op_1.x").name()).isEqualTo("my-op_1.x");
        assertThat(Named.as("a").withName("b").name()).isEqualTo("b");
        assertThatThrownBy(() -> Named.as("has space"))
            .isInstanceOf(TopologyException.class).hasMessageStartingWith("Invalid topology: ")
            .hasMessageContaining("' '");
        assertThatThrownBy(() -> Named.as("")).isInstanceOf(TopologyException.class);
        assertThatThrownBy(() -> Named.as("x".repeat(250))).isInstanceOf(TopologyException.class)
            .hasMessageContaining("249");
        assertThat(Named.as("x".repeat(249)).name()).hasSize(249);
    }

    @Test
    void consumedIsImmutableAndExposesEverySetting() {
        TimestampExtractor extractor = new WallclockTimestampExtractor();
        Consumed<String, Long> base = Consumed.with(STRING, LONG);

        Consumed<String, Long> full = base.withTimestampExtractor(extractor)
            .withOffsetResetPolicy(AutoOffsetReset.earliest()).withName("source");

        assertThat(base.timestampExtractor()).isNull();
        assertThat(base.name()).isNull();
        assertThat(full.keySerde()).isSameAs(STRING);
        assertThat(full.valueSerde()).isSameAs(LONG);
        assertThat(full.timestampExtractor()).isSameAs(extractor);
        assertThat(full.offsetResetPolicy()).isEqualTo(AutoOffsetReset.earliest());
        assertThat(full.name()).isEqualTo("source");
        assertThat(Consumed.<String, Long>with(AutoOffsetReset.latest()).keySerde()).isNull();
        assertThat(Consumed.<String, Long>as("src").withKeySerde(STRING).keySerde()).isSameAs(STRING);
        assertThatThrownBy(() -> Consumed.as("bad name")).isInstanceOf(TopologyException.class);
    }

    @Test
    void producedIsAMutableBuilderLikeKafkas() {
        StreamPartitioner<Object, Object> partitioner = (topic, key, value, partitions) -> Optional.of(Set.of(0));
        Produced<String, Long> produced = Produced.keySerde(STRING);

        Produced<String, Long> returned = produced.withValueSerde(LONG).withStreamPartitioner(partitioner)
            .withName("sink");

        assertThat(returned).isSameAs(produced);
        assertThat(produced.keySerdeOrNull()).isSameAs(STRING);
        assertThat(produced.valueSerdeOrNull()).isSameAs(LONG);
        assertThat(produced.partitioner()).isSameAs(partitioner);
        assertThat(produced.name()).isEqualTo("sink");
        assertThat(Produced.<String, Long>valueSerde(LONG).keySerdeOrNull()).isNull();
    }

    @Test
    void groupedCopiesOnWithAndKeepsUnsetSerdesNull() {
        Grouped<String, Long> named = Grouped.as("by-user");
        Grouped<String, Long> withSerdes = named.withKeySerde(STRING).withValueSerde(LONG);

        assertThat(named.keySerdeOrNull()).isNull();
        assertThat(withSerdes.name()).isEqualTo("by-user");
        assertThat(withSerdes.keySerdeOrNull()).isSameAs(STRING);
        assertThat(withSerdes.valueSerdeOrNull()).isSameAs(LONG);
        assertThat(Grouped.with("g", STRING, LONG).withName("h").name()).isEqualTo("h");
    }

    @Test
    void materializedRecordsNameSerdesLoggingCachingRetentionAndStoreType() {
        Materialized<String, Long, KeyValueStore<Bytes, byte[]>> materialized =
            Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("counts")
                .withKeySerde(STRING).withValueSerde(LONG).withLoggingEnabled(Map.of("retention.ms", "1000"))
                .withCachingDisabled().withRetention(Duration.ofHours(1))
                .withStoreType(Materialized.StoreType.IN_MEMORY);

        assertThat(materialized.storeName()).isEqualTo("counts");
        assertThat(materialized.storeSupplier()).isNull();
        assertThat(materialized.keySerdeOrNull()).isSameAs(STRING);
        assertThat(materialized.valueSerdeOrNull()).isSameAs(LONG);
        assertThat(materialized.loggingEnabled()).isTrue();
        assertThat(materialized.logConfig()).containsExactly(Map.entry("retention.ms", "1000"));
        assertThat(materialized.cachingEnabled()).isFalse();
        assertThat(materialized.retention()).isEqualTo(Duration.ofHours(1));
        assertThat(materialized.dslStoreSuppliers()).isEqualTo(Materialized.StoreType.IN_MEMORY);
        assertThat(materialized.withLoggingDisabled().logConfig()).isEmpty();
        assertThat(materialized.loggingEnabled()).isFalse();
    }

    @Test
    void materializedDefaultsAreUnsetExceptLoggingAndCaching() {
        Materialized<String, Long, KeyValueStore<Bytes, byte[]>> materialized = Materialized.with(STRING, LONG);

        assertThat(materialized.storeName()).isNull();
        assertThat(materialized.dslStoreSuppliers()).isNull();
        assertThat(materialized.retention()).isNull();
        assertThat(materialized.loggingEnabled()).isTrue();
        assertThat(materialized.cachingEnabled()).isTrue();
        assertThat(Materialized.as(Materialized.StoreType.ROCKS_DB).dslStoreSuppliers())
            .isEqualTo(Materialized.StoreType.ROCKS_DB);
    }

    @Test
    void materializedFromASupplierIsNamedAfterIt() {
        WindowBytesStoreSupplier supplier = Stores.inMemoryWindowStore("win", Duration.ofMinutes(1),
            Duration.ofSeconds(10), false);

        Materialized<String, Long, ?> materialized = Materialized.<String, Long>as(supplier);

        assertThat(materialized.storeSupplier()).isSameAs(supplier);
        assertThat(materialized.storeName()).isEqualTo("win");
    }

    @Test
    void materializedRejectsIllegalStoreNamesAndNegativeRetention() {
        assertThatThrownBy(() -> Materialized.as("no/slash")).isInstanceOf(TopologyException.class);
        assertThatThrownBy(() -> Materialized.with(STRING, LONG).withRetention(Duration.ofMillis(-1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retention");
    }

    @Test
    void joinedCopiesOnWithAndValidatesTheGracePeriod() {
        Joined<String, Long, String> joined = Joined.with(STRING, LONG, STRING, "join", Duration.ofSeconds(1));
        Joined<String, Long, String> renamed = joined.withName("other").withGracePeriod(Duration.ofSeconds(2));

        assertThat(joined.name()).isEqualTo("join");
        assertThat(joined.gracePeriod()).isEqualTo(Duration.ofSeconds(1));
        assertThat(renamed.name()).isEqualTo("other");
        assertThat(renamed.gracePeriod()).isEqualTo(Duration.ofSeconds(2));
        assertThat(renamed.keySerdeOrNull()).isSameAs(STRING);
        assertThat(renamed.valueSerdeOrNull()).isSameAs(LONG);
        assertThat(renamed.otherValueSerdeOrNull()).isSameAs(STRING);
        assertThat(Joined.<String, Long, String>as("j").gracePeriod()).isNull();
        assertThatThrownBy(() -> joined.withGracePeriod(Duration.ofMillis(-1)))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void streamJoinedCarriesSerdesSuppliersNamesAndLogging() {
        WindowBytesStoreSupplier left = Stores.inMemoryWindowStore("left", Duration.ofMinutes(1),
            Duration.ofSeconds(10), true);
        WindowBytesStoreSupplier right = Stores.inMemoryWindowStore("right", Duration.ofMinutes(1),
            Duration.ofSeconds(10), true);

        StreamJoined<String, Long, String> joined = StreamJoined.<String, Long, String>with(left, right)
            .withKeySerde(STRING).withValueSerde(LONG).withOtherValueSerde(STRING)
            .withName("join").withStoreName("join-store").withLoggingDisabled();

        assertThat(joined.thisStoreSupplier()).isSameAs(left);
        assertThat(joined.otherStoreSupplier()).isSameAs(right);
        assertThat(joined.keySerde()).isSameAs(STRING);
        assertThat(joined.valueSerde()).isSameAs(LONG);
        assertThat(joined.otherValueSerde()).isSameAs(STRING);
        assertThat(joined.name()).isEqualTo("join");
        assertThat(joined.storeName()).isEqualTo("join-store");
        assertThat(joined.loggingEnabled()).isFalse();
        assertThat(joined.withLoggingEnabled(Map.of("k", "v")).logConfig()).containsEntry("k", "v");
        assertThat(joined.loggingEnabled()).isFalse(); // immutable
        assertThat(StreamJoined.as("s").storeName()).isEqualTo("s");
    }

    @Test
    void repartitionedCopiesOnWithAndRejectsANonPositivePartitionCount() {
        StreamPartitioner<String, Long> partitioner = (topic, key, value, partitions) -> Optional.empty();
        Repartitioned<String, Long> base = Repartitioned.as("rep");

        Repartitioned<String, Long> full = base.withNumberOfPartitions(3).withKeySerde(STRING).withValueSerde(LONG)
            .withStreamPartitioner(partitioner);

        assertThat(base.numberOfPartitionsOrNull()).isNull();
        assertThat(full.name()).isEqualTo("rep");
        assertThat(full.numberOfPartitionsOrNull()).isEqualTo(3);
        assertThat(full.keySerde()).isSameAs(STRING);
        assertThat(full.valueSerde()).isSameAs(LONG);
        assertThat(full.partitioner()).isSameAs(partitioner);
        assertThatThrownBy(() -> Repartitioned.numberOfPartitions(0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 0");
    }

    @Test
    void suppressedUntilWindowClosesUsesAStrictBuffer() {
        Suppressed<Windowed<String>> suppressed = Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded());

        assertThat(suppressed.isUntilWindowCloses()).isTrue();
        assertThat(suppressed.timeLimit()).isNull();
        assertThat(suppressed.bufferConfig().maxRecordsOrNull()).isNull();
        assertThat(suppressed.bufferConfig().maxBytesOrNull()).isNull();
        assertThat(suppressed.withName("final").name()).isEqualTo("final");
    }

    @Test
    void bufferConfigsKeepBoundsAcrossStrategyChanges() {
        Suppressed.EagerBufferConfig eager = Suppressed.BufferConfig.maxRecords(100).withMaxBytes(1 << 20);
        Suppressed.StrictBufferConfig strict = eager.shutDownWhenFull().withLoggingDisabled();

        assertThat(eager.bufferFullStrategy()).isEqualTo(Suppressed.BufferFullStrategy.EMIT);
        assertThat(strict.bufferFullStrategy()).isEqualTo(Suppressed.BufferFullStrategy.SHUT_DOWN);
        assertThat(strict.maxRecordsOrNull()).isEqualTo(100L);
        assertThat(strict.maxBytesOrNull()).isEqualTo(1L << 20);
        assertThat(strict.loggingEnabled()).isFalse();
        assertThat(eager.loggingEnabled()).isTrue();
        assertThat(strict.emitEarlyWhenFull().bufferFullStrategy()).isEqualTo(Suppressed.BufferFullStrategy.EMIT);
        assertThat(strict.withNoBound().maxRecordsOrNull()).isNull();
        assertThatThrownBy(() -> Suppressed.BufferConfig.maxRecords(-1))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRecords");
    }

    @Test
    void suppressedUntilTimeLimitKeepsTheLimitAndRejectsANegativeOne() {
        Suppressed<String> suppressed = Suppressed.untilTimeLimit(Duration.ofSeconds(5),
            Suppressed.BufferConfig.maxBytes(1000));

        assertThat(suppressed.isUntilWindowCloses()).isFalse();
        assertThat(suppressed.timeLimit()).isEqualTo(Duration.ofSeconds(5));
        assertThat(suppressed.bufferConfig().maxBytesOrNull()).isEqualTo(1000L);
        assertThatThrownBy(() -> Suppressed.untilTimeLimit(Duration.ofMillis(-1),
            Suppressed.BufferConfig.unbounded())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void autoOffsetResetExposesItsTypeAndDuration() {
        assertThat(AutoOffsetReset.byDuration(Duration.ofHours(1)).type())
            .isEqualTo(AutoOffsetReset.StrategyType.BY_DURATION);
        assertThat(AutoOffsetReset.byDuration(Duration.ofHours(1)).duration()).contains(Duration.ofHours(1));
        assertThat(AutoOffsetReset.none().duration()).isEmpty();
        assertThat(AutoOffsetReset.latest().type()).isEqualTo(AutoOffsetReset.StrategyType.LATEST);
        assertThatThrownBy(() -> AutoOffsetReset.byDuration(Duration.ofMillis(-1)))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
