package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Aggregator;
import io.sluice.streams.kstream.Initializer;
import io.sluice.streams.kstream.KTable;
import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.kstream.Merger;
import io.sluice.streams.kstream.Named;
import io.sluice.streams.kstream.SessionWindowedCogroupedKStream;
import io.sluice.streams.kstream.SessionWindows;
import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.processor.api.ProcessorSupplier;
import io.sluice.streams.state.SessionStore;
import io.sluice.streams.state.StoreBuilder;
import java.util.Objects;
import org.apache.kafka.common.utils.Bytes;

/** A cogrouped stream cut into sessions; one shared session store. */
final class SessionWindowedCogroupedKStreamImpl<K, V> implements SessionWindowedCogroupedKStream<K, V> {
    private final CogroupedKStreamImpl<K, V> cogrouped;
    private final SessionWindows windows;

    SessionWindowedCogroupedKStreamImpl(CogroupedKStreamImpl<K, V> cogrouped, SessionWindows windows) {
        this.cogrouped = cogrouped;
        this.windows = windows;
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger) {
        return aggregate(initializer, sessionMerger, null, null);
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger,
                                            Named named) {
        return aggregate(initializer, sessionMerger, named, null);
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger,
                                            Materialized<K, V, SessionStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, sessionMerger, null, materialized);
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger,
                                            Named named, Materialized<K, V, SessionStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer");
        Objects.requireNonNull(sessionMerger, "sessionMerger");
        StoreBuilder<SessionStore<K, V>> store = WindowedStoreMaterializer.sessionStore(cogrouped.builder(),
            materialized, CogroupedKStreamImpl.AGGREGATE_PREFIX, cogrouped.keySerde(), null,
            windows);
        CogroupedKStreamImpl.AggregationFactory<K, V> factory = new CogroupedKStreamImpl.AggregationFactory<>() {
            @Override
            public <VIn> ProcessorSupplier<K, VIn, ?, ?> forInput(Aggregator<? super K, ? super VIn, V> aggregator) {
                return new KStreamSessionWindowAggregateSupplier<>(store.name(), windows, initializer, aggregator,
                    sessionMerger, CogroupedKStreamImpl.emitStrategy());
            }
        };
        return cogrouped.build(named, store, factory, CogroupedKStreamImpl.valueSerde(materialized),
            new SessionStoreValueGetterSupplier<K, V>(store.name()));
    }
}
