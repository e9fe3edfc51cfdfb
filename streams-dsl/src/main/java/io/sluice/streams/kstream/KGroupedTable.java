package io.sluice.streams.kstream;

import io.sluice.streams.state.KeyValueStore;
import org.apache.kafka.common.utils.Bytes;

/**
 * A table regrouped by a new key ({@link KTable#groupBy}), to be aggregated into a new table. Each update of the
 * source table takes the old value out of its old group's aggregate (the subtractor) and puts the new value into
 * its new group's aggregate (the adder); a deletion only subtracts. Aggregates are never removed by subtraction
 * alone (a count can reach 0), unless the subtractor returns {@code null}.
 *
 * @param <K> the group key type
 * @param <V> the value type
 */
public interface KGroupedTable<K, V> {
    KTable<K, Long> count();

    KTable<K, Long> count(Named named);

    KTable<K, Long> count(Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized);

    KTable<K, Long> count(Named named, Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized);

    KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor);

    KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor,
                        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor, Named named,
                        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                 Aggregator<? super K, ? super V, VR> subtractor);

    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                 Aggregator<? super K, ? super V, VR> subtractor, Named named);

    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                 Aggregator<? super K, ? super V, VR> subtractor,
                                 Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                 Aggregator<? super K, ? super V, VR> subtractor, Named named,
                                 Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);
}
