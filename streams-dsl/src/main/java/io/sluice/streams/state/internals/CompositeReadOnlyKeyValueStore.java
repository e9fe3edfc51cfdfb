package io.sluice.streams.state.internals;

import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.QueryableStoreType;
import io.sluice.streams.state.ReadOnlyKeyValueStore;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * An interactive query's view of a key-value store over every local task hosting it: a key lives in one task, so
 * {@link #get} returns the first store's non-null value; scans go through the stores one after the other (sorted
 * within each store, not across them). The stores are looked up on every call, since tasks move between instances.
 *
 * <p>Thread-safe as far as the stores' reads are (queries run on user threads).
 */
public final class CompositeReadOnlyKeyValueStore<K, V> implements ReadOnlyKeyValueStore<K, V> {
    private final StateStoreProvider provider;
    private final QueryableStoreType<ReadOnlyKeyValueStore<K, V>> type;
    private final String storeName;

    public CompositeReadOnlyKeyValueStore(StateStoreProvider provider,
                                          QueryableStoreType<ReadOnlyKeyValueStore<K, V>> type, String storeName) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.type = Objects.requireNonNull(type, "type");
        this.storeName = Objects.requireNonNull(storeName, "storeName");
    }

    private List<ReadOnlyKeyValueStore<K, V>> stores() {
        return provider.stores(storeName, type);
    }

    @Override
    public V get(K key) {
        Objects.requireNonNull(key, "key");
        for (ReadOnlyKeyValueStore<K, V> store : stores()) {
            V value = store.get(key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return concat(store -> store.range(from, to));
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return concat(store -> store.reverseRange(from, to));
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return concat(ReadOnlyKeyValueStore::all);
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return concat(ReadOnlyKeyValueStore::reverseAll);
    }

    @Override
    public <PS extends org.apache.kafka.common.serialization.Serializer<P>, P> KeyValueIterator<K, V> prefixScan(
            P prefix, PS prefixKeySerializer) {
        return concat(store -> store.prefixScan(prefix, prefixKeySerializer));
    }

    @Override
    public long approximateNumEntries() {
        long total = 0;
        for (ReadOnlyKeyValueStore<K, V> store : stores()) {
            total += store.approximateNumEntries();
            if (total < 0) {
                return Long.MAX_VALUE; // overflow: as Kafka Streams, saturate
            }
        }
        return total;
    }

    private KeyValueIterator<K, V> concat(Function<ReadOnlyKeyValueStore<K, V>, KeyValueIterator<K, V>> open) {
        return new ConcatenatedIterator<>(storeName, stores().stream().map(open).toList());
    }
}
