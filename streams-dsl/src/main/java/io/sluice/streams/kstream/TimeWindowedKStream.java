package io.sluice.streams.kstream;

import io.sluice.streams.state.WindowStore;
import org.apache.kafka.common.utils.Bytes;

/**
 * A grouped stream cut into time windows (tumbling, hopping, or sliding). Each record updates every window containing its
 * timestamp unless the window has closed: a window closes when stream time passes its end plus the grace period,
 * after which its late records are dropped, counted in {@code dropped-records-total} and logged.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface TimeWindowedKStream<K, V> {
    KTable<Windowed<K>, Long> count();

    KTable<Windowed<K>, Long> count(Named named);

    KTable<Windowed<K>, Long> count(Materialized<K, Long, WindowStore<Bytes, byte[]>> materialized);

    KTable<Windowed<K>, Long> count(Named named, Materialized<K, Long, WindowStore<Bytes, byte[]>> materialized);

    KTable<Windowed<K>, V> reduce(Reducer<V> reducer);

    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named);

    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V, WindowStore<Bytes, byte[]>> materialized);

    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named,
                                  Materialized<K, V, WindowStore<Bytes, byte[]>> materialized);

    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator);

    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Named named);

    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Materialized<K, VR, WindowStore<Bytes, byte[]>> materialized);

    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Named named, Materialized<K, VR, WindowStore<Bytes, byte[]>> materialized);

    /**
     * Emit on every window update (the default) or once per window when it closes, in stream time only: unlike
     * Kafka Streams, emission is not throttled by the wall clock, so results never depend on processing speed.
     */
    TimeWindowedKStream<K, V> emitStrategy(EmitStrategy emitStrategy);
}
