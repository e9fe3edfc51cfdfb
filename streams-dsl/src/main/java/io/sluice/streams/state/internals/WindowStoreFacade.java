package io.sluice.streams.state.internals;

import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.TimestampedWindowStore;
import io.sluice.streams.state.ValueAndTimestamp;
import io.sluice.streams.state.WindowStore;
import io.sluice.streams.state.WindowStoreIterator;
import java.time.Instant;
import java.util.Objects;

/**
 * A plain window store view of a timestamped window store, as the test driver's {@code getWindowStore} returns
 * for the DSL's (timestamped) windowed aggregation stores, like Kafka's driver: reads drop the timestamps, puts
 * store the value with timestamp {@code -1} (unknown). A live view; same threading as the store it views.
 */
public final class WindowStoreFacade<K, V> extends WrappedStateStore<TimestampedWindowStore<K, V>>
    implements WindowStore<K, V> {
    private final ReadOnlyWindowStoreFacade<K, V> reads;

    public WindowStoreFacade(TimestampedWindowStore<K, V> inner) {
        super(Objects.requireNonNull(inner, "inner"));
        this.reads = new ReadOnlyWindowStoreFacade<>(inner);
    }

    @Override
    public void put(K key, V value, long windowStartMs) {
        inner.put(key, value == null ? null : ValueAndTimestamp.make(value, -1), windowStartMs);
    }

    @Override
    public V fetch(K key, long windowStartMs) {
        return reads.fetch(key, windowStartMs);
    }

    @Override
    public WindowStoreIterator<V> fetch(K key, long timeFrom, long timeTo) {
        return reads.fetch(key, Instant.ofEpochMilli(timeFrom), Instant.ofEpochMilli(timeTo));
    }

    @Override
    public WindowStoreIterator<V> backwardFetch(K key, Instant timeFrom, Instant timeTo) {
        return reads.backwardFetch(key, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        return reads.fetch(keyFrom, keyTo, Instant.ofEpochMilli(timeFrom), Instant.ofEpochMilli(timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo) {
        return reads.fetchAll(Instant.ofEpochMilli(timeFrom), Instant.ofEpochMilli(timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> all() {
        return reads.all();
    }

}
