package io.sluice.streams.state.internals;

/** A store (or a layer above one) that may cache and can report what its cache flushes. */
public interface CachedStateStore<K, V> {
    /** Sets the listener; returns {@code false} if this store has no cache (the listener is then never called). */
    boolean setFlushListener(CacheFlushListener<K, V> listener, boolean sendOldValues);

    /**
     * Writes the dirty entries to the store below and tells the listener, without flushing the store below to
     * disk: what a commit does to emit results, cheaper than {@link io.sluice.streams.processor.StateStore#flush()}
     * where durability is not needed yet (the test driver "commits" after every record).
     */
    void flushCache();

    /**
     * Tells the listener about the dirty entries but leaves them for the next {@link #flushCache()} (or eviction) to
     * write below: how the test driver emits results after every record without a store write per record. A store
     * whose cache cannot defer its writes flushes.
     */
    default void forwardCache() {
        flushCache();
    }
}
