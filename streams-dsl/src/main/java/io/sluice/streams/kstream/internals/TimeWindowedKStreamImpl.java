package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Aggregator;
import io.sluice.streams.kstream.EmitStrategy;
import io.sluice.streams.kstream.Initializer;
import io.sluice.streams.kstream.KTable;
import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.kstream.Named;
import io.sluice.streams.kstream.Reducer;
import io.sluice.streams.kstream.TimeWindowedKStream;
import io.sluice.streams.kstream.Window;
import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.kstream.Windows;
import io.sluice.streams.state.DslWindowParams;
import io.sluice.streams.state.StoreBuilder;
import io.sluice.streams.state.Stores;
import io.sluice.streams.state.WindowBytesStoreSupplier;
import io.sluice.streams.state.WindowStore;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;

/**
 * Windowed aggregations of a grouped stream into a window store whose retention is the window size plus grace
 * (or the {@code Materialized} retention, which must cover both).
 */
final class TimeWindowedKStreamImpl<K, V, W extends Window> implements TimeWindowedKStream<K, V> {
    private final KGroupedStreamImpl<K, V> grouped;
    private final Windows<W> windows;

    TimeWindowedKStreamImpl(KGroupedStreamImpl<K, V> grouped, Windows<W> windows) {
        this.grouped = grouped;
        this.windows = windows;
    }

    @Override
    public KTable<Windowed<K>, Long> count() {
        return count(null, null);
    }

    @Override
    public KTable<Windowed<K>, Long> count(Named named) {
        return count(named, null);
    }

    @Override
    public KTable<Windowed<K>, Long> count(Materialized<K, Long, WindowStore<Bytes, byte[]>> materialized) {
        return count(null, materialized);
    }

    @Override
    public KTable<Windowed<K>, Long> count(Named named,
                                           Materialized<K, Long, WindowStore<Bytes, byte[]>> materialized) {
        return aggregate(() -> 0L, (key, value, count) -> count + 1, named, materialized, Serdes.Long(),
            "KSTREAM-AGGREGATE-");
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer) {
        return reduce(reducer, null, null);
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer,
                                         Materialized<K, V, WindowStore<Bytes, byte[]>> materialized) {
        return reduce(reducer, null, materialized);
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named,
                                         Materialized<K, V, WindowStore<Bytes, byte[]>> materialized) {
        return aggregate(() -> null, (key, value, aggregate) -> aggregate == null ? value
            : reducer.apply(aggregate, value), named, materialized, grouped.valueSerde, "KSTREAM-REDUCE-");
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
                                                  Aggregator<? super K, ? super V, VR> aggregator) {
        return aggregate(initializer, aggregator, null, null);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
                                                  Aggregator<? super K, ? super V, VR> aggregator,
                                                  Materialized<K, VR, WindowStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, aggregator, null, materialized);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
                                                  Aggregator<? super K, ? super V, VR> aggregator, Named named,
                                                  Materialized<K, VR, WindowStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, aggregator, named, materialized, null, "KSTREAM-AGGREGATE-");
    }

    private <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
                                                   Aggregator<? super K, ? super V, VR> aggregator, Named named,
                                                   Materialized<K, VR, WindowStore<Bytes, byte[]>> materialized,
                                                   Serde<VR> aggregateSerde, String prefix) {
        InternalStreamsBuilder builder = grouped.stream.builder;
        StoreBuilder<WindowStore<K, VR>> store = windowStore(builder, materialized, prefix, aggregateSerde);
        KStreamImpl<K, V> input = grouped.partitioned(store.name());
        String name = builder.name(KStreamImpl.nameOf(named), prefix);
        builder.topology().addProcessor(name,
            new KStreamWindowAggregateSupplier<>(store.name(), windows, initializer, aggregator), input.nodeName);
        builder.topology().addStateStore(store, false, name);
        return new KTableImpl<>(builder, name, null, aggregateSerde, store.name(),
            new WindowStoreValueGetterSupplier<>(store.name()));
    }

    private <VR> StoreBuilder<WindowStore<K, VR>> windowStore(
            InternalStreamsBuilder builder, Materialized<K, VR, WindowStore<Bytes, byte[]>> materialized,
            String prefix, Serde<VR> aggregateSerde) {
        Serde<K> keySerde = grouped.keySerde;
        WindowBytesStoreSupplier supplier = null;
        String storeName = null;
        Duration retention = Duration.ofMillis(windows.size() + windows.gracePeriodMs());
        if (materialized != null) {
            supplier = materialized.storeSupplier() instanceof WindowBytesStoreSupplier given ? given : null;
            storeName = materialized.storeName();
            keySerde = materialized.keySerdeOrNull() != null ? materialized.keySerdeOrNull() : keySerde;
            aggregateSerde = materialized.valueSerdeOrNull() != null ? materialized.valueSerdeOrNull()
                : aggregateSerde;
            if (materialized.retention() != null) {
                if (materialized.retention().toMillis() < retention.toMillis()) {
                    throw new IllegalArgumentException("The retention period of window store " + storeName + " ("
                        + materialized.retention() + ") must be no smaller than its window size plus the grace "
                        + "period (" + retention + ")");
                }
                retention = materialized.retention();
            }
        }
        if (supplier == null) {
            String name = storeName != null ? storeName : builder.newStoreName(prefix);
            supplier = DslStores.of(materialized).windowStore(new DslWindowParams(name, retention,
                Duration.ofMillis(windows.size()), false, EmitStrategy.onWindowUpdate(), false, false));
        }
        StoreBuilder<WindowStore<K, VR>> store = Stores.windowStoreBuilder(supplier, keySerde, aggregateSerde);
        if (materialized != null && !materialized.loggingEnabled()) {
            store.withLoggingDisabled();
        } else if (materialized != null) {
            store.withLoggingEnabled(materialized.logConfig());
        }
        return store;
    }
}
