package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Aggregator;
import io.sluice.streams.kstream.EmitStrategy;
import io.sluice.streams.kstream.Initializer;
import io.sluice.streams.kstream.KTable;
import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.kstream.Merger;
import io.sluice.streams.kstream.Named;
import io.sluice.streams.kstream.Reducer;
import io.sluice.streams.kstream.SessionWindowedKStream;
import io.sluice.streams.kstream.SessionWindows;
import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.state.SessionStore;
import io.sluice.streams.state.StoreBuilder;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;

/**
 * Session-windowed aggregations of a grouped stream into a session store whose retention covers each session
 * until it closes (gap plus grace, or the {@code Materialized} retention). Immutable: {@link #emitStrategy}
 * returns a copy.
 */
final class SessionWindowedKStreamImpl<K, V> implements SessionWindowedKStream<K, V> {
    private final KGroupedStreamImpl<K, V> grouped;
    private final SessionWindows windows;
    private final EmitStrategy emitStrategy;

    SessionWindowedKStreamImpl(KGroupedStreamImpl<K, V> grouped, SessionWindows windows, EmitStrategy emitStrategy) {
        this.grouped = grouped;
        this.windows = windows;
        this.emitStrategy = emitStrategy;
    }

    @Override
    public SessionWindowedKStream<K, V> emitStrategy(EmitStrategy emitStrategy) {
        return new SessionWindowedKStreamImpl<>(grouped, windows, Objects.requireNonNull(emitStrategy,
            "emitStrategy"));
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
    public KTable<Windowed<K>, Long> count(Materialized<K, Long, SessionStore<Bytes, byte[]>> materialized) {
        return count(null, materialized);
    }

    @Override
    public KTable<Windowed<K>, Long> count(Named named,
                                           Materialized<K, Long, SessionStore<Bytes, byte[]>> materialized) {
        return aggregate(() -> 0L, (key, value, count) -> count + 1, (key, one, two) -> one + two, named,
            materialized, Serdes.Long(), "KSTREAM-AGGREGATE-");
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
                                                  Aggregator<? super K, ? super V, VR> aggregator,
                                                  Merger<? super K, VR> sessionMerger) {
        return aggregate(initializer, aggregator, sessionMerger, null, null);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
                                                  Aggregator<? super K, ? super V, VR> aggregator,
                                                  Merger<? super K, VR> sessionMerger, Named named) {
        return aggregate(initializer, aggregator, sessionMerger, named, null);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
                                                  Aggregator<? super K, ? super V, VR> aggregator,
                                                  Merger<? super K, VR> sessionMerger,
                                                  Materialized<K, VR, SessionStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, aggregator, sessionMerger, null, materialized);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
                                                  Aggregator<? super K, ? super V, VR> aggregator,
                                                  Merger<? super K, VR> sessionMerger, Named named,
                                                  Materialized<K, VR, SessionStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, aggregator, sessionMerger, named, materialized, null, "KSTREAM-AGGREGATE-");
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
                                         Materialized<K, V, SessionStore<Bytes, byte[]>> materialized) {
        return reduce(reducer, null, materialized);
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named,
                                         Materialized<K, V, SessionStore<Bytes, byte[]>> materialized) {
        // null marks "no aggregate yet": the first value is the aggregate as is, and merging skips empty sides.
        return aggregate(() -> null,
            (key, value, aggregate) -> aggregate == null ? value : reducer.apply(aggregate, value),
            (key, one, two) -> one == null ? two : two == null ? one : reducer.apply(one, two),
            named, materialized, grouped.valueSerde, "KSTREAM-REDUCE-");
    }

    private <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
                                                   Aggregator<? super K, ? super V, VR> aggregator,
                                                   Merger<? super K, VR> sessionMerger, Named named,
                                                   Materialized<K, VR, SessionStore<Bytes, byte[]>> materialized,
                                                   Serde<VR> aggregateSerde, String prefix) {
        Objects.requireNonNull(sessionMerger, "sessionMerger");
        InternalStreamsBuilder builder = grouped.stream.builder;
        StoreBuilder<SessionStore<K, VR>> store = WindowedStoreMaterializer.sessionStore(builder, materialized,
            prefix, grouped.keySerde, aggregateSerde, windows);
        KStreamImpl<K, V> input = grouped.partitioned(store.name());
        String name = builder.name(KStreamImpl.nameOf(named), prefix);
        builder.topology().addProcessor(name, new KStreamSessionWindowAggregateSupplier<>(store.name(), windows,
            initializer, aggregator, sessionMerger, emitStrategy), input.nodeName);
        builder.topology().addStateStore(store, false, name);
        return new KTableImpl<>(builder, name, null, aggregateSerde, store.name(),
            new SessionStoreValueGetterSupplier<>(store.name()));
    }
}
