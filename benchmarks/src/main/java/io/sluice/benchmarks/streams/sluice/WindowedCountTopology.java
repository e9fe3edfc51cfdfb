package io.sluice.benchmarks.streams.sluice;

import io.sluice.benchmarks.streams.StoreType;
import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.Topology;
import io.sluice.streams.kstream.Consumed;
import io.sluice.streams.kstream.Grouped;
import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.kstream.Produced;
import io.sluice.streams.kstream.TimeWindows;
import io.sluice.streams.kstream.WindowedSerdes;
import io.sluice.streams.state.BuiltInDslStoreSuppliers;
import io.sluice.streams.state.DslStoreSuppliers;
import io.sluice.streams.state.WindowStore;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;

/**
 * Clicks per user per 1-minute tumbling window: clicks (user, page) → {@code groupByKey} →
 * {@code windowedBy(TimeWindows.ofSizeWithNoGrace(1 min))} → {@code count} into a window store of the given type
 * (retention = window size, the default) → {@code toStream} → output (windowed user, count), without suppression,
 * so every click emits the window's running count. Porting convention: see {@link WordCountTopology}.
 */
public final class WindowedCountTopology {
    public static final String INPUT = "clicks";
    public static final String OUTPUT = "clicks-per-minute";
    public static final String STORE = "clicks-per-minute-store";
    public static final Duration WINDOW = Duration.ofMinutes(1);

    private WindowedCountTopology() {
    }

    public static Topology build(StoreType storeType) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(INPUT, Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
            .windowedBy(TimeWindows.ofSizeWithNoGrace(WINDOW))
            .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(STORE)
                .withKeySerde(Serdes.String())
                .withValueSerde(Serdes.Long())
                .withStoreType(storeSuppliers(storeType)))
            .toStream()
            .to(OUTPUT, Produced.with(WindowedSerdes.timeWindowedSerdeFrom(String.class, WINDOW.toMillis()),
                Serdes.Long()));
        return builder.build();
    }

    private static DslStoreSuppliers storeSuppliers(StoreType storeType) {
        return storeType == StoreType.ROCKSDB ? BuiltInDslStoreSuppliers.ROCKS_DB : BuiltInDslStoreSuppliers.IN_MEMORY;
    }
}
