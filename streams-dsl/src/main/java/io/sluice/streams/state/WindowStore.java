package io.sluice.streams.state;

import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.processor.StateStore;
import java.time.Instant;

/**
 * A window store. Puts of a window older than retention are dropped; a {@code null} value deletes (unless the
 * store retains duplicates, where a {@code null} put is ignored). Single-threaded: see {@link StateStore}.
 */
public interface WindowStore<K, V> extends StateStore, ReadOnlyWindowStore<K, V> {
    void put(K key, V value, long windowStartMs);

    /** {@link #fetch(Object, Instant, Instant)} with epoch-ms bounds. */
    WindowStoreIterator<V> fetch(K key, long timeFrom, long timeTo);

    KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, long timeFrom, long timeTo);

    KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo);

    @Override
    default WindowStoreIterator<V> fetch(K key, Instant timeFrom, Instant timeTo) {
        return fetch(key, timeFrom.toEpochMilli(), timeTo.toEpochMilli());
    }

    @Override
    default KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo) {
        return fetch(keyFrom, keyTo, timeFrom.toEpochMilli(), timeTo.toEpochMilli());
    }

    @Override
    default KeyValueIterator<Windowed<K>, V> fetchAll(Instant timeFrom, Instant timeTo) {
        return fetchAll(timeFrom.toEpochMilli(), timeTo.toEpochMilli());
    }
}
