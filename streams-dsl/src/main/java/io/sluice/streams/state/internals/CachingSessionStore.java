package io.sluice.streams.state.internals;

import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.kstream.internals.SessionWindow;
import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.StateStoreContext;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.SessionStore;
import java.util.Comparator;
import org.apache.kafka.common.utils.Bytes;

/**
 * A write-back cache over a session bytes store (usually the changelogging layer): repeated puts and removals of a
 * session between commits reach the store below, the changelog and the {@link CacheFlushListener} once, with the
 * last value: {@link #forwardCache()} tells the listener without writing below; {@link #flushCache()} (a commit) and
 * eviction also write. A removal is a cached tombstone: a session merged into a longer one disappears from reads at
 * once, and its removal is forwarded (if downstream saw the session) and written before or after the new session by
 * the order of their last updates; removing a session and putting one with the same bounds again before a forward
 * is one update. See {@link WriteBackCache} for the cache's design and read merging, and
 * {@link StreamTimeRetention} for retention (by session end). Threading: single-threaded, owned by one task.
 */
public final class CachingSessionStore extends WrappedStateStore<SessionStore<Bytes, byte[]>>
    implements SessionStore<Bytes, byte[]>, CachedStateStore<Windowed<Bytes>, byte[]> {
    private final long retentionMs;
    private final long segmentIntervalMs;
    private final long configuredMaxBytes;
    private WriteBackCache cache;
    private StreamTimeRetention retention;

    /**
     * @param maxBytes the cache's bound, or {@code -1} for {@code statestore.cache.max.bytes} from the app config
     */
    public CachingSessionStore(SessionStore<Bytes, byte[]> inner, long retentionMs, long segmentIntervalMs,
                               long maxBytes) {
        super(inner);
        this.retentionMs = retentionMs;
        this.segmentIntervalMs = segmentIntervalMs;
        this.configuredMaxBytes = maxBytes;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
        retention = new StreamTimeRetention(retentionMs, segmentIntervalMs, SessionKeySchema::extractEnd);
        cache = WriteBackCache.forSegments(name(), context, configuredMaxBytes,
            storeKey -> inner.fetchSession(SessionKeySchema.extractKey(storeKey.get()),
                SessionKeySchema.extractStart(storeKey.get()), SessionKeySchema.extractEnd(storeKey.get())),
            (storeKey, value) -> inner.put(windowed(storeKey.get()), value), retention);
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Windowed<Bytes>, byte[]> listener, boolean sendOldValues) {
        checkOpen();
        cache.setFlushListener((storeKey, newValue, oldValue, timestamp) -> listener.apply(windowed(storeKey.get()),
            newValue, oldValue, timestamp), sendOldValues);
        return true;
    }

    /** Bytes the cache holds now. */
    long cachedBytes() {
        return cache.cachedBytes();
    }

    private void checkOpen() {
        if (cache == null || !isOpen()) {
            throw new IllegalStateException("Store " + name() + " is not open");
        }
    }

    private static Windowed<Bytes> windowed(byte[] storeKey) {
        return new Windowed<>(SessionKeySchema.extractKey(storeKey),
            new SessionWindow(SessionKeySchema.extractStart(storeKey), SessionKeySchema.extractEnd(storeKey)));
    }

    private static Bytes storeKey(Windowed<Bytes> sessionKey) {
        return SessionKeySchema.toStoreKey(sessionKey.key(), sessionKey.window().start(), sessionKey.window().end());
    }

    @Override
    public void put(Windowed<Bytes> sessionKey, byte[] aggregate) {
        checkOpen();
        cache.put(storeKey(sessionKey), aggregate);
    }

    @Override
    public void remove(Windowed<Bytes> sessionKey) {
        put(sessionKey, null);
    }

    @Override
    public byte[] fetchSession(Bytes key, long sessionStartTime, long sessionEndTime) {
        checkOpen();
        return cache.get(SessionKeySchema.toStoreKey(key, sessionStartTime, sessionEndTime));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes key, long earliestSessionEndTime,
                                                                  long latestSessionStartTime) {
        checkOpen();
        long earliestEnd = Math.max(0, earliestSessionEndTime);
        byte[] rawKey = key.get();
        return cache.merge(SessionKeySchema.toStoreKey(key, 0, earliestEnd),
            SessionKeySchema.toStoreKey(key, Long.MAX_VALUE, Long.MAX_VALUE),
            storeKey -> SessionKeySchema.keyEquals(storeKey, rawKey)
                && inTime(storeKey, earliestEnd, latestSessionStartTime),
            Comparator.naturalOrder(), inner.findSessions(key, earliestSessionEndTime, latestSessionStartTime),
            storeKey -> windowed(storeKey.get()), CachingSessionStore::storeKey);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes keyFrom, Bytes keyTo,
                                                                  long earliestSessionEndTime,
                                                                  long latestSessionStartTime) {
        checkOpen();
        long earliestEnd = Math.max(0, earliestSessionEndTime);
        // Bounds as the segmented store's scan, so a flush never changes what a query finds.
        Bytes upper = keyTo == null ? null : WindowKeySchema.upperBoundOfKey(keyTo, SessionKeySchema.SUFFIX_BYTES);
        return cache.merge(keyFrom, upper, storeKey -> {
            Bytes key = SessionKeySchema.extractKey(storeKey);
            return (keyFrom == null || key.compareTo(keyFrom) >= 0) && (keyTo == null || key.compareTo(keyTo) <= 0)
                && inTime(storeKey, earliestEnd, latestSessionStartTime);
        }, retention.segmentOrder(), inner.findSessions(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime),
            storeKey -> windowed(storeKey.get()), CachingSessionStore::storeKey);
    }

    private static boolean inTime(byte[] storeKey, long earliestEnd, long latestStart) {
        return SessionKeySchema.extractEnd(storeKey) >= earliestEnd
            && SessionKeySchema.extractStart(storeKey) <= latestStart;
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes key) {
        return findSessions(key, 0, Long.MAX_VALUE);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo) {
        return findSessions(keyFrom, keyTo, 0, Long.MAX_VALUE);
    }

    @Override
    public void forwardCache() {
        checkOpen();
        cache.forward();
    }

    @Override
    public void flushCache() {
        checkOpen();
        cache.flush();
    }

    @Override
    public void flush() {
        flushCache();
        inner.flush();
    }

    @Override
    public void close() {
        try {
            if (cache != null && isOpen()) {
                flush();
            }
        } finally {
            if (cache != null) {
                cache.clear();
            }
            inner.close();
        }
    }

}
