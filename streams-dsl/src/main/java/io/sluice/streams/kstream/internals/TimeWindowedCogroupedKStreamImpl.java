package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Aggregator;
import io.sluice.streams.kstream.Initializer;
import io.sluice.streams.kstream.KTable;
import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.kstream.Named;
import io.sluice.streams.kstream.TimeWindowedCogroupedKStream;
import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.processor.api.ProcessorSupplier;
import io.sluice.streams.state.StoreBuilder;
import io.sluice.streams.state.TimestampedWindowStore;
import io.sluice.streams.state.WindowStore;
import java.util.Objects;
import org.apache.kafka.common.utils.Bytes;

/** A cogrouped stream cut into tumbling, hopping or sliding windows; one shared timestamped window store. */
final class TimeWindowedCogroupedKStreamImpl<K, V> implements TimeWindowedCogroupedKStream<K, V> {
    private final CogroupedKStreamImpl<K, V> cogrouped;
    private final WindowSpec windows;

    TimeWindowedCogroupedKStreamImpl(CogroupedKStreamImpl<K, V> cogrouped, WindowSpec windows) {
        this.cogrouped = cogrouped;
        this.windows = windows;
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer) {
        return aggregate(initializer, null, null);
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Named named) {
        return aggregate(initializer, named, null);
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer,
                                            Materialized<K, V, WindowStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, null, materialized);
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Named named,
                                            Materialized<K, V, WindowStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer");
        StoreBuilder<TimestampedWindowStore<K, V>> store = WindowedStoreMaterializer.windowStore(cogrouped.builder(),
            materialized, CogroupedKStreamImpl.AGGREGATE_PREFIX, cogrouped.keySerde(), null, windows);
        CogroupedKStreamImpl.AggregationFactory<K, V> factory = new CogroupedKStreamImpl.AggregationFactory<>() {
            @Override
            public <VIn> ProcessorSupplier<K, VIn, ?, ?> forInput(Aggregator<? super K, ? super VIn, V> aggregator) {
                return windows.aggregation(store.name(), initializer, aggregator,
                    CogroupedKStreamImpl.emitStrategy());
            }
        };
        return cogrouped.build(named, store, factory, CogroupedKStreamImpl.valueSerde(materialized),
            new WindowStoreValueGetterSupplier<K, V>(store.name()));
    }
}
