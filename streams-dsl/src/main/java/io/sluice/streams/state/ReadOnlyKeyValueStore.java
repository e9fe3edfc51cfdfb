package io.sluice.streams.state;

import org.apache.kafka.common.serialization.Serializer;

/**
 * Queries of a key-value store. Ranges are in the order of the serialized keys' bytes (unsigned lexicographic, as
 * RocksDB orders them), whatever the store; a {@code null} bound is open.
 */
public interface ReadOnlyKeyValueStore<K, V> {
    V get(K key);

    /** Entries with {@code from <= key <= to}; empty if {@code from > to}. */
    KeyValueIterator<K, V> range(K from, K to);

    default KeyValueIterator<K, V> reverseRange(K from, K to) {
        throw new UnsupportedOperationException("reverseRange is not supported by " + getClass().getName());
    }

    KeyValueIterator<K, V> all();

    default KeyValueIterator<K, V> reverseAll() {
        throw new UnsupportedOperationException("reverseAll is not supported by " + getClass().getName());
    }

    /** Entries whose serialized key starts with {@code prefixKeySerializer.serialize(prefix)}. */
    default <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        throw new UnsupportedOperationException("prefixScan is not supported by " + getClass().getName());
    }

    /** An estimate (RocksDB's {@code rocksdb.estimate-num-keys}); exact for in-memory stores. */
    long approximateNumEntries();
}
