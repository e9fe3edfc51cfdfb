package io.sluice.benchmarks.streams.sluice;

import io.sluice.benchmarks.streams.StoreType;
import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.Topology;
import io.sluice.streams.kstream.Consumed;
import io.sluice.streams.kstream.Grouped;
import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.kstream.Produced;
import io.sluice.streams.state.BuiltInDslStoreSuppliers;
import io.sluice.streams.state.DslStoreSuppliers;
import io.sluice.streams.state.KeyValueStore;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;

/**
 * Word count: lines (null key) → {@code flatMapValues} split on spaces → {@code groupBy(word)} (a repartition)
 * → {@code count} into a key-value store of the given type → {@code toStream} → output (word, count).
 *
 * <p><b>Porting convention</b> (all four topology classes): this file is the Kafka Streams baseline in
 * {@code io.sluice.benchmarks.streams.kafka} with its {@code org.apache.kafka.streams} imports replaced by
 * {@code io.sluice.streams} and nothing else, which is the porting promise of the Sluice DSL.
 */
public final class WordCountTopology {
    public static final String INPUT = "lines";
    public static final String OUTPUT = "word-counts";
    public static final String STORE = "word-counts-store";

    private WordCountTopology() {
    }

    public static Topology build(StoreType storeType) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(INPUT, Consumed.with(Serdes.String(), Serdes.String()))
            .flatMapValues(line -> Arrays.asList(line.split(" ")))
            .groupBy((key, word) -> word, Grouped.with(Serdes.String(), Serdes.String()))
            .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(STORE)
                .withKeySerde(Serdes.String())
                .withValueSerde(Serdes.Long())
                .withStoreType(storeSuppliers(storeType)))
            .toStream()
            .to(OUTPUT, Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    private static DslStoreSuppliers storeSuppliers(StoreType storeType) {
        return storeType == StoreType.ROCKSDB ? BuiltInDslStoreSuppliers.ROCKS_DB : BuiltInDslStoreSuppliers.IN_MEMORY;
    }
}
