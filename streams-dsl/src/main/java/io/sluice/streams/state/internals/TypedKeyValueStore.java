package io.sluice.streams.state.internals;

import io.sluice.streams.KeyValue;
import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.StateStoreContext;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.KeyValueStore;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.common.serialization.Serde;

/**
 * The outermost layer of a key-value store: applies the serdes over a bytes store (caching, changelogging,
 * RocksDB or in-memory below). Kafka Streams calls this layer "metered"; metrics will be added here. Serdes get
 * the changelog topic name {@code <applicationId>-<store>-changelog}. Threading: single-threaded, owned by one
 * task. Not final only so that {@link TimestampedTypedKeyValueStore} can add its interface.
 */
public class TypedKeyValueStore<K, V> extends WrappedStateStore<KeyValueStore<Bytes, byte[]>>
    implements KeyValueStore<K, V>, CachedStateStore<K, V> {
    private final StoreSerdes<K, V> serdes;

    public TypedKeyValueStore(KeyValueStore<Bytes, byte[]> inner, Serde<K> keySerde, Serde<V> valueSerde) {
        this(inner, new StoreSerdes<>(keySerde, valueSerde));
    }

    TypedKeyValueStore(KeyValueStore<Bytes, byte[]> inner, StoreSerdes<K, V> serdes) {
        super(inner);
        this.serdes = serdes;
    }

    KeyValueStore<Bytes, byte[]> inner() {
        return inner;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        serdes.init(context, name());
        inner.init(context, root);
    }

    @Override
    public void flushCache() {
        if (inner instanceof CachingKeyValueStore caching) {
            caching.flushCache();
        }
    }

    @Override
    public void forwardCache() {
        if (inner instanceof CachingKeyValueStore caching) {
            caching.forwardCache();
        }
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<K, V> listener, boolean sendOldValues) {
        if (inner instanceof CachingKeyValueStore caching) {
            return caching.setFlushListener((key, newValue, oldValue, timestamp) -> listener.apply(serdes.key(key),
                serdes.value(newValue), serdes.value(oldValue), timestamp), sendOldValues);
        }
        return false;
    }

    @Override
    public V get(K key) {
        return serdes.value(inner.get(serdes.rawKey(key)));
    }

    @Override
    public void put(K key, V value) {
        inner.put(serdes.rawKey(key), serdes.rawValue(value));
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return serdes.value(inner.putIfAbsent(serdes.rawKey(key), serdes.rawValue(value)));
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        inner.putAll(entries.stream()
            .map(entry -> KeyValue.pair(serdes.rawKey(entry.key), serdes.rawValue(entry.value))).toList());
    }

    @Override
    public V delete(K key) {
        return serdes.value(inner.delete(serdes.rawKey(key)));
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return typed(inner.range(serdes.rawKeyOrNull(from), serdes.rawKeyOrNull(to)));
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return typed(inner.reverseRange(serdes.rawKeyOrNull(from), serdes.rawKeyOrNull(to)));
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return typed(inner.all());
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return typed(inner.reverseAll());
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        return typed(inner.prefixScan(prefix, prefixKeySerializer));
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
    }

    private KeyValueIterator<K, V> typed(KeyValueIterator<Bytes, byte[]> raw) {
        return new FilteringIterator<>(name(), raw,
            entry -> KeyValue.pair(serdes.key(entry.key), serdes.value(entry.value)));
    }
}
