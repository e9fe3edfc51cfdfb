package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Aggregator;
import io.sluice.streams.kstream.EmitStrategy;
import io.sluice.streams.kstream.Initializer;
import io.sluice.streams.kstream.KTable;
import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.kstream.Named;
import io.sluice.streams.kstream.Reducer;
import io.sluice.streams.kstream.TimeWindowedKStream;
import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.state.StoreBuilder;
import io.sluice.streams.state.TimestampedWindowStore;
import io.sluice.streams.state.WindowStore;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;

/**
 * Windowed aggregations of a grouped stream (tumbling, hopping or sliding windows) into a timestamped window
 * store whose retention covers each window until it closes. Immutable: {@link #emitStrategy} returns a copy.
 */
final class TimeWindowedKStreamImpl<K, V> implements TimeWindowedKStream<K, V> {
    private final KGroupedStreamImpl<K, V> grouped;
    private final WindowSpec windows;
    private final EmitStrategy emitStrategy;

    TimeWindowedKStreamImpl(KGroupedStreamImpl<K, V> grouped, WindowSpec windows, EmitStrategy emitStrategy) {
        this.grouped = grouped;
        this.windows = windows;
        this.emitStrategy = emitStrategy;
    }

    @Override
    public TimeWindowedKStream<K, V> emitStrategy(EmitStrategy emitStrategy) {
        return new TimeWindowedKStreamImpl<>(grouped, windows, Objects.requireNonNull(emitStrategy, "emitStrategy"));
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
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named) {
        return reduce(reducer, named, null);
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
                                                  Aggregator<? super K, ? super V, VR> aggregator, Named named) {
        return aggregate(initializer, aggregator, named, null);
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
        StoreBuilder<TimestampedWindowStore<K, VR>> store = WindowedStoreMaterializer.windowStore(builder,
            materialized, prefix, grouped.keySerde, aggregateSerde, windows);
        KStreamImpl<K, V> input = grouped.partitioned(store.name());
        String name = builder.name(KStreamImpl.nameOf(named), prefix);
        builder.topology().addProcessor(name,
            windows.aggregation(store.name(), initializer, aggregator, emitStrategy), input.nodeName);
        builder.topology().addStateStore(store, false, name);
        return new KTableImpl<>(builder, name, null, aggregateSerde, store.name(),
            new WindowStoreValueGetterSupplier<>(store.name()));
    }
}
