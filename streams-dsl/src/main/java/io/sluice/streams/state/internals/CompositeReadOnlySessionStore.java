package io.sluice.streams.state.internals;

import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.QueryableStoreType;
import io.sluice.streams.state.ReadOnlySessionStore;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * An interactive query's view of a session store over every local task hosting it (see
 * {@link CompositeReadOnlyKeyValueStore}): point reads return the first store's non-null answer, scans concatenate
 * all stores' results.
 *
 * <p>Thread-safe as far as the stores' reads are.
 */
public final class CompositeReadOnlySessionStore<K, AGG> implements ReadOnlySessionStore<K, AGG> {
    private final StateStoreProvider provider;
    private final QueryableStoreType<ReadOnlySessionStore<K, AGG>> type;
    private final String storeName;

    public CompositeReadOnlySessionStore(StateStoreProvider provider,
                                         QueryableStoreType<ReadOnlySessionStore<K, AGG>> type, String storeName) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.type = Objects.requireNonNull(type, "type");
        this.storeName = Objects.requireNonNull(storeName, "storeName");
    }

    private List<ReadOnlySessionStore<K, AGG>> stores() {
        return provider.stores(storeName, type);
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> findSessions(K key, long earliestSessionEndTime,
                                                           long latestSessionStartTime) {
        return concat(store -> store.findSessions(key, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> findSessions(K keyFrom, K keyTo, long earliestSessionEndTime,
                                                           long latestSessionStartTime) {
        return concat(store -> store.findSessions(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public AGG fetchSession(K key, long sessionStartTime, long sessionEndTime) {
        Objects.requireNonNull(key, "key");
        for (ReadOnlySessionStore<K, AGG> store : stores()) {
            AGG value = store.fetchSession(key, sessionStartTime, sessionEndTime);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> fetch(K key) {
        return concat(store -> store.fetch(key));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> fetch(K keyFrom, K keyTo) {
        return concat(store -> store.fetch(keyFrom, keyTo));
    }

    private KeyValueIterator<Windowed<K>, AGG> concat(
            Function<ReadOnlySessionStore<K, AGG>, KeyValueIterator<Windowed<K>, AGG>> open) {
        return new ConcatenatedIterator<>(storeName, stores().stream().map(open).toList());
    }
}
