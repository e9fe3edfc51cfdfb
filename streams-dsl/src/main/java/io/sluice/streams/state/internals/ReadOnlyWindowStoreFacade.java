package io.sluice.streams.state.internals;

import io.sluice.streams.KeyValue;
import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.ReadOnlyWindowStore;
import io.sluice.streams.state.TimestampedWindowStore;
import io.sluice.streams.state.ValueAndTimestamp;
import io.sluice.streams.state.WindowStoreIterator;
import java.time.Instant;
import java.util.Objects;

/**
 * A plain read-only view of a timestamped window store: values without their timestamps (see
 * {@link ReadOnlyKeyValueStoreFacade}). A live view; same threading as the store it views.
 */
public final class ReadOnlyWindowStoreFacade<K, V> implements ReadOnlyWindowStore<K, V> {
    private final TimestampedWindowStore<K, V> inner;

    public ReadOnlyWindowStoreFacade(TimestampedWindowStore<K, V> inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public V fetch(K key, long windowStartMs) {
        return ValueAndTimestamp.getValueOrNull(inner.fetch(key, windowStartMs));
    }

    @Override
    public WindowStoreIterator<V> fetch(K key, Instant timeFrom, Instant timeTo) {
        return values(inner.fetch(key, timeFrom, timeTo));
    }

    @Override
    public WindowStoreIterator<V> backwardFetch(K key, Instant timeFrom, Instant timeTo) {
        return values(inner.backwardFetch(key, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo) {
        return windowed(inner.fetch(keyFrom, keyTo, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> all() {
        return windowed(inner.all());
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetchAll(Instant timeFrom, Instant timeTo) {
        return windowed(inner.fetchAll(timeFrom, timeTo));
    }

    private WindowStoreIterator<V> values(WindowStoreIterator<ValueAndTimestamp<V>> timestamped) {
        return new FilteringIterator.Window<>(inner.name(), timestamped,
            entry -> KeyValue.pair(entry.key, ValueAndTimestamp.getValueOrNull(entry.value)));
    }

    private KeyValueIterator<Windowed<K>, V> windowed(KeyValueIterator<Windowed<K>, ValueAndTimestamp<V>> timestamped) {
        return new FilteringIterator<>(inner.name(), timestamped,
            entry -> KeyValue.pair(entry.key, ValueAndTimestamp.getValueOrNull(entry.value)));
    }
}
