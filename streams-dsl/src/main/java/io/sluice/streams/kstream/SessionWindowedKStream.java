package io.sluice.streams.kstream;

import io.sluice.streams.state.SessionStore;
import org.apache.kafka.common.utils.Bytes;

/**
 * A grouped stream cut into sessions ({@link SessionWindows}): a record joins every session of its key that ends
 * or starts within the inactivity gap of its timestamp, merging them into one. Merged-away sessions are deleted
 * and a tombstone is forwarded for each. A session closes once stream time passes its end plus the gap plus the
 * grace period; records arriving for closed sessions are dropped, counted in {@code dropped-records-total} and
 * logged. Results are tables keyed by {@code Windowed<K>} whose window is the session {@code [start, end]}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface SessionWindowedKStream<K, V> {
    KTable<Windowed<K>, Long> count();

    KTable<Windowed<K>, Long> count(Named named);

    KTable<Windowed<K>, Long> count(Materialized<K, Long, SessionStore<Bytes, byte[]>> materialized);

    KTable<Windowed<K>, Long> count(Named named, Materialized<K, Long, SessionStore<Bytes, byte[]>> materialized);

    /** Aggregates each session; {@code sessionMerger} combines the aggregates of sessions a record bridges. */
    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Merger<? super K, VR> sessionMerger);

    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Merger<? super K, VR> sessionMerger, Named named);

    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Merger<? super K, VR> sessionMerger,
                                           Materialized<K, VR, SessionStore<Bytes, byte[]>> materialized);

    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Merger<? super K, VR> sessionMerger, Named named,
                                           Materialized<K, VR, SessionStore<Bytes, byte[]>> materialized);

    /** Reduces each session; merging sessions reduces their aggregates with the same reducer. */
    KTable<Windowed<K>, V> reduce(Reducer<V> reducer);

    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named);

    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V, SessionStore<Bytes, byte[]>> materialized);

    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named,
                                  Materialized<K, V, SessionStore<Bytes, byte[]>> materialized);

    /** Emit on every session update (the default) or once per session when it closes. */
    SessionWindowedKStream<K, V> emitStrategy(EmitStrategy emitStrategy);
}
