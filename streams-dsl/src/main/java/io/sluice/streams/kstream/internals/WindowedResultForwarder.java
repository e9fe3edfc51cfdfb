package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.EmitStrategy;
import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.api.ProcessorContext;
import io.sluice.streams.processor.api.Record;
import io.sluice.streams.processor.internals.ProcessorContextImpl;
import io.sluice.streams.processor.internals.ProcessorNode;
import io.sluice.streams.state.internals.CacheFlushListener;
import io.sluice.streams.state.internals.CachedStateStore;
import org.apache.kafka.common.header.Headers;

/**
 * Forwards the changes of a windowed aggregation (time, sliding or session windows) as its emit strategy says.
 * On window update: at once when the store has no cache, else when the cache flushes (commit or eviction), so
 * repeated updates of a window between commits are forwarded once. On window close: updates are never forwarded;
 * the aggregation calls {@link #forwardFinal} for each window once it closes.
 *
 * <p>Threading: the task's thread.
 *
 * @param <K> record key type
 * @param <V> aggregate type
 */
final class WindowedResultForwarder<K, V> {
    /** Turns a cache entry's value into the aggregate and the timestamp to forward it with. */
    interface CachedValueReader<S, V> {
        V value(S stored);

        /** {@code stored} is {@code null} for a removed window (a session merged into another). */
        long timestamp(Windowed<?> key, S stored, long entryTimestamp);
    }

    private final ProcessorContext<Windowed<K>, Change<V>> context;
    private final boolean emitOnUpdate;
    private final boolean cached;

    @SuppressWarnings("unchecked") // the flush listener's store is this aggregation's typed store
    <S> WindowedResultForwarder(ProcessorContext<Windowed<K>, Change<V>> context, StateStore store,
                                EmitStrategy emitStrategy, CachedValueReader<S, V> reader) {
        this.context = context;
        this.emitOnUpdate = emitStrategy.type() == EmitStrategy.StrategyType.ON_WINDOW_UPDATE;
        ProcessorContextImpl internal = (ProcessorContextImpl) (Object) context;
        ProcessorNode<?, ?, ?, ?> node = internal.currentNode();
        // On window close the cache only absorbs writes: its flushes must not be forwarded.
        CacheFlushListener<Windowed<K>, S> listener = emitOnUpdate
            ? (key, newValue, oldValue, timestamp) -> internal.forwardAs(node, new Record<>(key,
                new Change<>(newValue == null ? null : reader.value(newValue),
                    oldValue == null ? null : reader.value(oldValue)),
                reader.timestamp(key, newValue, timestamp)))
            : (key, newValue, oldValue, timestamp) -> { };
        this.cached = store instanceof CachedStateStore<?, ?> cache
            && ((CachedStateStore<Windowed<K>, S>) cache).setFlushListener(listener, true);
    }

    /** Forwards an update of {@code key}'s window unless it is cached or the strategy is on window close. */
    void maybeForward(Windowed<K> key, V newValue, V oldValue, long timestamp, Headers headers) {
        if (emitOnUpdate && !cached) {
            context.forward(new Record<>(key, new Change<>(newValue, oldValue), timestamp, headers));
        }
    }

    boolean emitOnClose() {
        return !emitOnUpdate;
    }

    /** Forwards a closed window's final result (on window close only). */
    void forwardFinal(Windowed<K> key, V value, long timestamp, Headers headers) {
        context.forward(new Record<>(key, new Change<>(value, null), timestamp, headers));
    }
}
