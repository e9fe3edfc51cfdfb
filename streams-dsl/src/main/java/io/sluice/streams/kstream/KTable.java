package io.sluice.streams.kstream;

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

    /** The name of the store holding this table, or {@code null} when it is not materialized. */
    String queryableStoreName();

    /**
     * Holds back updates and forwards only the latest per key: final window results once a window closes, or
     * a key's latest value once its first buffered update is older than a time limit (stream time both).
     */
    KTable<K, V> suppress(Suppressed<? super K> suppressed);
}
