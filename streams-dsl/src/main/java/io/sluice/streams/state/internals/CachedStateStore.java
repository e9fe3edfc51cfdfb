package io.sluice.streams.state.internals;

/** A store (or a layer above one) that may cache and can report what its cache flushes. */
public interface CachedStateStore<K, V> {
    /** Sets the listener; returns {@code false} if this store has no cache (the listener is then never called). */
    boolean setFlushListener(CacheFlushListener<K, V> listener, boolean sendOldValues);
}
