package io.sluice.streams.state;

import io.sluice.streams.KeyValue;
import io.sluice.streams.processor.StateStore;
import java.util.List;

/** A key-value store; a {@code null} value deletes. Single-threaded: see {@link StateStore}. */
public interface KeyValueStore<K, V> extends StateStore, ReadOnlyKeyValueStore<K, V> {
    void put(K key, V value);

    /** Puts unless a value is present; returns the present value, or {@code null} if the put happened. */
    V putIfAbsent(K key, V value);

    void putAll(List<KeyValue<K, V>> entries);

    /** Deletes and returns the old value (or {@code null}). */
    V delete(K key);
}
