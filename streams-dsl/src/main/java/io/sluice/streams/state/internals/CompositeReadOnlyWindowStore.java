package io.sluice.streams.state.internals;

import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.QueryableStoreType;
import io.sluice.streams.state.ReadOnlyWindowStore;
import io.sluice.streams.state.WindowStoreIterator;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * An interactive query's view of a window store over every local task hosting it (see
 * {@link CompositeReadOnlyKeyValueStore}): one key's queries read the stores in turn and return the first that has
 * the key; multi-key queries concatenate all stores' results.
 *
 * <p>Thread-safe as far as the stores' reads are.
 */
public final class CompositeReadOnlyWindowStore<K, V> implements ReadOnlyWindowStore<K, V> {
    private final StateStoreProvider provider;
    private final QueryableStoreType<ReadOnlyWindowStore<K, V>> type;
    private final String storeName;

    public CompositeReadOnlyWindowStore(StateStoreProvider provider, QueryableStoreType<ReadOnlyWindowStore<K, V>> type,
                                        String storeName) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.type = Objects.requireNonNull(type, "type");
        this.storeName = Objects.requireNonNull(storeName, "storeName");
    }

    private List<ReadOnlyWindowStore<K, V>> stores() {
        return provider.stores(storeName, type);
    }

    @Override
    public V fetch(K key, long windowStartMs) {
        Objects.requireNonNull(key, "key");
        for (ReadOnlyWindowStore<K, V> store : stores()) {
            V value = store.fetch(key, windowStartMs);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    @Override
    public WindowStoreIterator<V> fetch(K key, Instant timeFrom, Instant timeTo) {
        return firstWithKey(store -> store.fetch(key, timeFrom, timeTo));
    }

    @Override
    public WindowStoreIterator<V> backwardFetch(K key, Instant timeFrom, Instant timeTo) {
        return firstWithKey(store -> store.backwardFetch(key, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo) {
        return concat(store -> store.fetch(keyFrom, keyTo, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> all() {
        return concat(ReadOnlyWindowStore::all);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetchAll(Instant timeFrom, Instant timeTo) {
        return concat(store -> store.fetchAll(timeFrom, timeTo));
    }

    /** A key lives in one task: the first store with entries for it answers. */
    private WindowStoreIterator<V> firstWithKey(Function<ReadOnlyWindowStore<K, V>, WindowStoreIterator<V>> open) {
        for (ReadOnlyWindowStore<K, V> store : stores()) {
            WindowStoreIterator<V> result = open.apply(store);
            if (result.hasNext()) {
                return result;
            }
            result.close();
        }
        return new ConcatenatedIterator.Windows<>(storeName, List.of());
    }

    private KeyValueIterator<Windowed<K>, V> concat(
            Function<ReadOnlyWindowStore<K, V>, KeyValueIterator<Windowed<K>, V>> open) {
        return new ConcatenatedIterator<>(storeName, stores().stream().map(open).toList());
    }
}
