package io.sluice.streams.kstream.internals;

import io.sluice.streams.processor.api.ProcessorContext;
import io.sluice.streams.processor.api.Record;
import io.sluice.streams.processor.internals.ProcessorContextImpl;
import io.sluice.streams.processor.internals.ProcessorNode;
import io.sluice.streams.state.KeyValueStore;
import io.sluice.streams.state.internals.CachedStateStore;

/**
 * Writes a table's new values to its store and forwards each change downstream: at once when the store has no
 * cache, else when the cache flushes (on commit or eviction), so repeated updates of a key between commits are
 * forwarded once, with the value before the first of them as the old value.
 *
 * <p>Threading: the task's thread.
 */
final class TableStoreForwarder<K, V> {
    private final ProcessorContext<K, Change<V>> context;
    private final KeyValueStore<K, V> store;
    private final boolean cached;

    @SuppressWarnings("unchecked") // the flush listener's store is this table's typed store
    TableStoreForwarder(ProcessorContext<K, Change<V>> context, String storeName) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        ProcessorNode<?, ?, ?, ?> node = ((ProcessorContextImpl) (Object) context).currentNode();
        ProcessorContextImpl internal = (ProcessorContextImpl) (Object) context;
        this.cached = store instanceof CachedStateStore<?, ?> cache
            && ((CachedStateStore<K, V>) cache).setFlushListener((key, newValue, oldValue, timestamp) ->
                internal.forwardAs(node, new Record<>(key, new Change<>(newValue, oldValue), timestamp)), true);
    }

    KeyValueStore<K, V> store() {
        return store;
    }

    /** Stores {@code value} for {@code key} ({@code null} deletes) and forwards the change unless it is cached. */
    void put(K key, V value, long timestamp) {
        V old = cached ? null : store.get(key);
        store.put(key, value);
        if (!cached && !(old == null && value == null)) {
            context.forward(new Record<>(key, new Change<>(value, old), timestamp));
        }
    }

    V get(K key) {
        return store.get(key);
    }
}
