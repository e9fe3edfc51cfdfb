package io.sluice.streams.state.internals;

import io.sluice.streams.KeyValue;
import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.StateStoreContext;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.WindowStore;
import io.sluice.streams.state.WindowStoreIterator;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/**
 * The serde layer of a window store; see {@link TypedKeyValueStore}. Threading: single-threaded. Not final only so
 * that {@link TimestampedTypedWindowStore} can add its interface.
 */
public class TypedWindowStore<K, V> extends WrappedStateStore<WindowStore<Bytes, byte[]>>
    implements WindowStore<K, V>, CachedStateStore<Windowed<K>, V> {
    private final StoreSerdes<K, V> serdes;

    public TypedWindowStore(WindowStore<Bytes, byte[]> inner, Serde<K> keySerde, Serde<V> valueSerde) {
        super(inner);
        this.serdes = new StoreSerdes<>(keySerde, valueSerde);
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        serdes.init(context, name());
        inner.init(context, root);
    }

    @Override
    public void flushCache() {
        if (inner instanceof CachingWindowStore caching) {
            caching.flushCache();
        }
    }

    @Override
    public void forwardCache() {
        if (inner instanceof CachingWindowStore caching) {
            caching.forwardCache();
        }
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Windowed<K>, V> listener, boolean sendOldValues) {
        if (inner instanceof CachingWindowStore caching) {
            return caching.setFlushListener((key, newValue, oldValue, timestamp) -> listener.apply(
                new Windowed<>(serdes.key(key.key()), key.window()), serdes.value(newValue), serdes.value(oldValue),
                timestamp), sendOldValues);
        }
        return false;
    }

    @Override
    public void put(K key, V value, long windowStartMs) {
        inner.put(serdes.rawKey(key), serdes.rawValue(value), windowStartMs);
    }

    @Override
    public V fetch(K key, long windowStartMs) {
        return serdes.value(inner.fetch(serdes.rawKey(key), windowStartMs));
    }

    @Override
    public WindowStoreIterator<V> fetch(K key, long timeFrom, long timeTo) {
        return values(inner.fetch(serdes.rawKey(key), timeFrom, timeTo));
    }

    @Override
    public WindowStoreIterator<V> backwardFetch(K key, Instant timeFrom, Instant timeTo) {
        return values(inner.backwardFetch(serdes.rawKey(key), timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        return windowed(inner.fetch(serdes.rawKeyOrNull(keyFrom), serdes.rawKeyOrNull(keyTo), timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> all() {
        return windowed(inner.all());
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo) {
        return windowed(inner.fetchAll(timeFrom, timeTo));
    }

    private WindowStoreIterator<V> values(WindowStoreIterator<byte[]> raw) {
        return new FilteringIterator.Window<>(name(), raw, entry -> KeyValue.pair(entry.key, serdes.value(entry.value)));
    }

    private KeyValueIterator<Windowed<K>, V> windowed(KeyValueIterator<Windowed<Bytes>, byte[]> raw) {
        return new FilteringIterator<>(name(), raw, entry -> KeyValue.pair(
            new Windowed<>(serdes.key(entry.key.key()), entry.key.window()), serdes.value(entry.value)));
    }
}
