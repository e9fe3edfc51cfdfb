package io.sluice.streams.kstream;

import io.sluice.streams.state.KeyValueStore;
import org.apache.kafka.common.utils.Bytes;

/**
 * A stream grouped by key, ready to aggregate. Records with a {@code null} key are dropped (counted and logged),
 * as they belong to no group.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface KGroupedStream<K, V> {
    KTable<K, Long> count();

    KTable<K, Long> count(Named named);

    KTable<K, Long> count(Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized);

    KTable<K, Long> count(Named named, Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized);

    KTable<K, V> reduce(Reducer<V> reducer);

    KTable<K, V> reduce(Reducer<V> reducer, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    KTable<K, V> reduce(Reducer<V> reducer, Named named, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator);

    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                 Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                 Named named, Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** Cuts the grouped stream into the given time windows (e.g. {@code TimeWindows.ofSizeWithNoGrace}). */
    <W extends Window> TimeWindowedKStream<K, V> windowedBy(Windows<W> windows);

    /** Cuts the grouped stream into sliding windows, each defined by the records it holds (KIP-450). */
    TimeWindowedKStream<K, V> windowedBy(SlidingWindows windows);

    /** Cuts the grouped stream into sessions of activity separated by the inactivity gap. */
    SessionWindowedKStream<K, V> windowedBy(SessionWindows windows);

    /** Starts a cogrouped aggregation with this stream folded in by {@code aggregator}. */
    <VOut> CogroupedKStream<K, VOut> cogroup(Aggregator<? super K, ? super V, VOut> aggregator);
}
