package io.sluice.streams.state;

import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.processor.StateStore;

/**
 * A session store. A {@code null} aggregate removes the session; sessions ending before
 * {@code observedStreamTime - retention} are dropped. Single-threaded: see {@link StateStore}.
 */
public interface SessionStore<K, AGG> extends StateStore, ReadOnlySessionStore<K, AGG> {
    void put(Windowed<K> sessionKey, AGG aggregate);

    void remove(Windowed<K> sessionKey);
}
