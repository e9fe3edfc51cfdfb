package io.sluice.streams.state;

import io.sluice.streams.kstream.Windowed;
import java.time.Instant;

/**
 * Queries of a window store: values keyed by (key, window start). Time bounds are inclusive window starts in
 * epoch ms. Results for one key are in window-start order. Multi-key results come one time segment at a time
 * (oldest first), each segment ordered by serialized key bytes then window start, as in Kafka Streams. Windows older than the retention period (relative to the largest timestamp the store has
 * seen) are never returned.
 */
public interface ReadOnlyWindowStore<K, V> {
    /** The value of {@code key}'s window starting exactly at {@code windowStartMs}, or {@code null}. */
    V fetch(K key, long windowStartMs);

    WindowStoreIterator<V> fetch(K key, Instant timeFrom, Instant timeTo);

    default WindowStoreIterator<V> backwardFetch(K key, Instant timeFrom, Instant timeTo) {
        throw new UnsupportedOperationException("backwardFetch is not supported by " + getClass().getName());
    }

    /** Windows of keys in {@code [keyFrom, keyTo]} (a {@code null} bound is open) starting in the time range. */
    KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo);

    KeyValueIterator<Windowed<K>, V> all();

    KeyValueIterator<Windowed<K>, V> fetchAll(Instant timeFrom, Instant timeTo);
}
