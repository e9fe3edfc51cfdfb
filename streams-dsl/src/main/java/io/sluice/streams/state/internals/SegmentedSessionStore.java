package io.sluice.streams.state.internals;

import io.sluice.streams.KeyValue;
import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.kstream.internals.SessionWindow;
import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.StateStoreContext;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.SessionStore;
import java.util.Collection;
import org.apache.kafka.common.utils.Bytes;

/**
 * Session bytes store over time segments ({@link SegmentedBytesStore}), RocksDB or in-memory by its
 * {@link SegmentStorage}. Store keys follow {@link SessionKeySchema}; segments are chosen by session end, so
 * retention counts from a session's end. Threading: single-threaded, owned by one task.
 */
public final class SegmentedSessionStore implements SessionStore<Bytes, byte[]>, RawRestorable {
    private final String name;
    private final SegmentedBytesStore segments;

    SegmentedSessionStore(String name, long retentionMs, long segmentIntervalMs, SegmentStorage storage) {
        this.name = name;
        this.segments = new SegmentedBytesStore(name, retentionMs, segmentIntervalMs, storage);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        segments.init(context);
    }

    @Override
    public void flush() {
        segments.flush();
    }

    @Override
    public void close() {
        segments.close();
    }

    @Override
    public boolean persistent() {
        return segments.persistent();
    }

    @Override
    public boolean isOpen() {
        return segments.isOpen();
    }

    @Override
    public void put(Windowed<Bytes> sessionKey, byte[] aggregate) {
        long end = sessionKey.window().end();
        segments.put(SessionKeySchema.toStoreKey(sessionKey.key(), sessionKey.window().start(), end), end,
            aggregate);
    }

    @Override
    public void remove(Windowed<Bytes> sessionKey) {
        put(sessionKey, null);
    }

    @Override
    public void restoreRaw(Collection<KeyValue<byte[], byte[]>> records) {
        for (KeyValue<byte[], byte[]> record : records) {
            segments.put(Bytes.wrap(record.key), SessionKeySchema.extractEnd(record.key), record.value);
        }
    }

    @Override
    public byte[] fetchSession(Bytes key, long sessionStartTime, long sessionEndTime) {
        return segments.get(SessionKeySchema.toStoreKey(key, sessionStartTime, sessionEndTime), sessionEndTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes key, long earliestSessionEndTime,
                                                                  long latestSessionStartTime) {
        long earliestEnd = Math.max(0, earliestSessionEndTime);
        byte[] rawKey = key.get();
        KeyValueIterator<Bytes, byte[]> scan = segments.fetch(SessionKeySchema.toStoreKey(key, 0, earliestEnd),
            SessionKeySchema.toStoreKey(key, Long.MAX_VALUE, Long.MAX_VALUE), earliestEnd, Long.MAX_VALUE, true);
        return sessions(scan, earliestEnd, latestSessionStartTime, storeKey -> SessionKeySchema.keyEquals(storeKey,
            rawKey));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes keyFrom, Bytes keyTo,
                                                                  long earliestSessionEndTime,
                                                                  long latestSessionStartTime) {
        long earliestEnd = Math.max(0, earliestSessionEndTime);
        if (ByteOrder.isEmptyRange(keyFrom, keyTo)) {
            return sessions(segments.fetch(null, null, 1, 0, true), 0, 0, storeKey -> false);
        }
        Bytes upper = keyTo == null ? null : WindowKeySchema.upperBoundOfKey(keyTo, SessionKeySchema.SUFFIX_BYTES);
        return sessions(segments.fetch(keyFrom, upper, earliestEnd, Long.MAX_VALUE, true), earliestEnd,
            latestSessionStartTime, storeKey -> {
                Bytes key = SessionKeySchema.extractKey(storeKey);
                return (keyFrom == null || key.compareTo(keyFrom) >= 0) && (keyTo == null || key.compareTo(keyTo) <= 0);
            });
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes key) {
        return findSessions(key, 0, Long.MAX_VALUE);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo) {
        return findSessions(keyFrom, keyTo, 0, Long.MAX_VALUE);
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> sessions(KeyValueIterator<Bytes, byte[]> scan,
                                                               long earliestEnd, long latestStart,
                                                               java.util.function.Predicate<byte[]> keyMatches) {
        long minLive = segments.minLiveTimestamp();
        return new FilteringIterator<>(name, scan, entry -> {
            byte[] storeKey = entry.key.get();
            long end = SessionKeySchema.extractEnd(storeKey);
            long start = SessionKeySchema.extractStart(storeKey);
            if (end < earliestEnd || start > latestStart || end < minLive || !keyMatches.test(storeKey)) {
                return null;
            }
            return KeyValue.pair(new Windowed<>(SessionKeySchema.extractKey(storeKey), new SessionWindow(start, end)),
                entry.value);
        });
    }
}
