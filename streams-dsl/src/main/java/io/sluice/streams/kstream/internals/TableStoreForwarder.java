package io.sluice.streams.kstream.internals;

import io.sluice.streams.processor.api.ProcessorContext;
import io.sluice.streams.processor.api.Record;
import io.sluice.streams.processor.internals.ProcessorContextImpl;
import io.sluice.streams.processor.internals.ProcessorNode;
import io.sluice.streams.state.TimestampedKeyValueStore;
import io.sluice.streams.state.ValueAndTimestamp;
import io.sluice.streams.state.internals.CachedStateStore;

/**
 * Writes a table's new values, with their timestamps, to its timestamped store and forwards each change downstream:
 * at once when the store has no cache, else when the cache flushes (on commit or eviction), so repeated updates of
 * a key between commits are forwarded once, with the value before the first of them as the old value. A forwarded
 * change carries the new value's timestamp (for a deletion, the timestamp the deletion was written at).
 *
 * <p>Threading: the task's thread.
 */
final class TableStoreForwarder<K, V> {
    private final ProcessorContext<K, Change<V>> context;
    private final TimestampedKeyValueStore<K, V> store;
    private final boolean cached;

    @SuppressWarnings("unchecked") // the flush listener's store is this table's typed store
    TableStoreForwarder(ProcessorContext<K, Change<V>> context, String storeName) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        ProcessorContextImpl internal = (ProcessorContextImpl) (Object) context;
        ProcessorNode<?, ?, ?, ?> node = internal.currentNode();
        // A flushed deletion of an absent key changes nothing downstream: not forwarded (as Kafka's cache).
        this.cached = store instanceof CachedStateStore<?, ?> cache
            && ((CachedStateStore<K, ValueAndTimestamp<V>>) cache).setFlushListener(
                (key, newValue, oldValue, timestamp) -> {
                    if (newValue != null || oldValue != null) {
                        internal.forwardAs(node, new Record<>(key, new Change<>(ValueAndTimestamp.getValueOrNull(
                            newValue), ValueAndTimestamp.getValueOrNull(oldValue)),
                            newValue != null ? newValue.timestamp() : timestamp));
                    }
                }, true);
    }

    /**
     * Stores {@code value} at {@code timestamp} for {@code key} ({@code null} deletes) and forwards the change
     * unless it is cached.
     */
    void put(K key, V value, long timestamp) {
        V old = cached ? null : ValueAndTimestamp.getValueOrNull(store.get(key));
        store.put(key, ValueAndTimestamp.make(value, timestamp));
        if (!cached && !(old == null && value == null)) {
            context.forward(new Record<>(key, new Change<>(value, old), timestamp));
        }
    }

    ValueAndTimestamp<V> get(K key) {
        return store.get(key);
    }
}
