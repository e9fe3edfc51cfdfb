package io.sluice.streams.state.internals;

import io.sluice.streams.KeyValue;
import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.StateStoreContext;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.SessionStore;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/** The serde layer of a session store; see {@link TypedKeyValueStore}. Threading: single-threaded. */
public final class TypedSessionStore<K, AGG> extends WrappedStateStore<SessionStore<Bytes, byte[]>>
    implements SessionStore<K, AGG>, CachedStateStore<Windowed<K>, AGG> {
    private final StoreSerdes<K, AGG> serdes;

    public TypedSessionStore(SessionStore<Bytes, byte[]> inner, Serde<K> keySerde, Serde<AGG> aggSerde) {
        super(inner);
        this.serdes = new StoreSerdes<>(keySerde, aggSerde);
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        serdes.init(context, name());
        inner.init(context, root);
    }

    @Override
    public void flushCache() {
        if (inner instanceof CachingSessionStore caching) {
            caching.flushCache();
        }
    }

    @Override
    public void forwardCache() {
        if (inner instanceof CachingSessionStore caching) {
            caching.forwardCache();
        }
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Windowed<K>, AGG> listener, boolean sendOldValues) {
        if (inner instanceof CachingSessionStore caching) {
            return caching.setFlushListener((key, newValue, oldValue, timestamp) -> listener.apply(
                new Windowed<>(serdes.key(key.key()), key.window()), serdes.value(newValue), serdes.value(oldValue),
                timestamp), sendOldValues);
        }
        return false;
    }

    @Override
    public void put(Windowed<K> sessionKey, AGG aggregate) {
        inner.put(rawWindowed(sessionKey), serdes.rawValue(aggregate));
    }

    @Override
    public void remove(Windowed<K> sessionKey) {
        inner.remove(rawWindowed(sessionKey));
    }

    private Windowed<Bytes> rawWindowed(Windowed<K> sessionKey) {
        return new Windowed<>(serdes.rawKey(sessionKey.key()), sessionKey.window());
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> findSessions(K key, long earliestSessionEndTime,
                                                           long latestSessionStartTime) {
        return typed(inner.findSessions(serdes.rawKey(key), earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> findSessions(K keyFrom, K keyTo, long earliestSessionEndTime,
                                                           long latestSessionStartTime) {
        return typed(inner.findSessions(serdes.rawKeyOrNull(keyFrom), serdes.rawKeyOrNull(keyTo),
            earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public AGG fetchSession(K key, long sessionStartTime, long sessionEndTime) {
        return serdes.value(inner.fetchSession(serdes.rawKey(key), sessionStartTime, sessionEndTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> fetch(K key) {
        return typed(inner.fetch(serdes.rawKey(key)));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> fetch(K keyFrom, K keyTo) {
        return typed(inner.fetch(serdes.rawKeyOrNull(keyFrom), serdes.rawKeyOrNull(keyTo)));
    }

    private KeyValueIterator<Windowed<K>, AGG> typed(KeyValueIterator<Windowed<Bytes>, byte[]> raw) {
        return new FilteringIterator<>(name(), raw, entry -> KeyValue.pair(
            new Windowed<>(serdes.key(entry.key.key()), entry.key.window()), serdes.value(entry.value)));
    }
}
