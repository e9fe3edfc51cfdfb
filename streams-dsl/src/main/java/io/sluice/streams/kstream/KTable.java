package io.sluice.streams.kstream;

import io.sluice.streams.KeyValue;
import io.sluice.streams.state.KeyValueStore;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.common.utils.Bytes;

/**
 * A changelog stream read as a table: the latest value per key, where a {@code null} value deletes the key.
 * Operators forward each key's new value (and old value where downstream needs it).
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface KTable<K, V> {
    KTable<K, V> filter(Predicate<? super K, ? super V> predicate);

    KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Named named);

    KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate);

    KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named);

    <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper);

    <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named);

    <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper);

    <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named);

    /** Every update as a stream record; a deletion becomes a record with a {@code null} value (a tombstone). */
    KStream<K, V> toStream();

    KStream<K, V> toStream(Named named);

    <KR> KStream<KR, V> toStream(KeyValueMapper<? super K, ? super V, ? extends KR> mapper);

    <KR> KStream<KR, V> toStream(KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named);

    // ---- regrouping

    /** Regroups by the key {@code selector} picks; each update subtracts the old value and adds the new one. */
    <KR, VR> KGroupedTable<KR, VR> groupBy(
        KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> selector);

    <KR, VR> KGroupedTable<KR, VR> groupBy(
        KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> selector,
        Grouped<KR, VR> grouped);

    // ---- primary-key joins: both tables keyed alike and co-partitioned; an update on either side joins with the
    // other side's current value, and the result's timestamp is the later of the two values'.

    /** Inner join: a result while both sides have a value; losing a side deletes the result (a tombstone). */
    <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                Named named);

    <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                Named named, Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** Left join: a result while this side has a value; the joiner gets {@code null} for a missing other side. */
    <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    Named named);

    <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    Named named, Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** Outer join: a result while either side has a value; the joiner gets {@code null} for a missing side. */
    <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                     Named named);

    <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                     Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                     Named named, Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    // ---- foreign-key joins: each value of this table names (through the extractor) the key of one record of the
    // other table, which may be partitioned differently. The result is keyed by this table's key. Changing a
    // value's foreign key retracts its result for the old one; an update or deletion on the other side updates
    // every result joined to it. A value whose foreign key is null joins with nothing.

    /** Inner foreign-key join: a result while the foreign key's record exists, else none (a tombstone). */
    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
                                    BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    TableJoined<K, KO> tableJoined);

    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
                                    BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    TableJoined<K, KO> tableJoined);

    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
                                    BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    TableJoined<K, KO> tableJoined,
                                    Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
                                    BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    TableJoined<K, KO> tableJoined,
                                    Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** Left foreign-key join: a result for every value of this table; the joiner gets {@code null} if unmatched. */
    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
                                        BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                        TableJoined<K, KO> tableJoined);

    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
                                        BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                        TableJoined<K, KO> tableJoined);

    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
                                        BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                        TableJoined<K, KO> tableJoined,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
                                        BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                        TableJoined<K, KO> tableJoined,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** The name of the store holding this table, or {@code null} when it is not materialized. */
    String queryableStoreName();

    /**
     * Holds back updates and forwards only the latest per key: final window results once a window closes, or
     * a key's latest value once its first buffered update is older than a time limit (stream time both).
     */
    KTable<K, V> suppress(Suppressed<? super K> suppressed);
}
