package io.sluice.streams.state;

import io.sluice.streams.kstream.Windowed;

/**
 * Queries of a session store: aggregates keyed by (key, session window {@code [start, end]}). Results come one
 * time segment (of session ends) at a time, each ordered by serialized key bytes, then session end, then start.
 */
public interface ReadOnlySessionStore<K, AGG> {
    /** Sessions of {@code key} with {@code end >= earliestSessionEndTime} and {@code start <= latestSessionStartTime}. */
    KeyValueIterator<Windowed<K>, AGG> findSessions(K key, long earliestSessionEndTime, long latestSessionStartTime);

    /** As {@link #findSessions(Object, long, long)} over keys in {@code [keyFrom, keyTo]} ({@code null} is open). */
    KeyValueIterator<Windowed<K>, AGG> findSessions(K keyFrom, K keyTo, long earliestSessionEndTime,
                                                    long latestSessionStartTime);

    /** The aggregate of exactly this session, or {@code null}. */
    AGG fetchSession(K key, long sessionStartTime, long sessionEndTime);

    /** Every retained session of {@code key}. */
    KeyValueIterator<Windowed<K>, AGG> fetch(K key);

    KeyValueIterator<Windowed<K>, AGG> fetch(K keyFrom, K keyTo);
}
