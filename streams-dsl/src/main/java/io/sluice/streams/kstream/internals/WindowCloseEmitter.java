package io.sluice.streams.kstream.internals;

import io.sluice.streams.KeyValue;
import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.TimestampedWindowStore;
import io.sluice.streams.state.ValueAndTimestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.header.Headers;

/**
 * The "on window close" half of a time or sliding window aggregation: once close time (stream time minus grace)
 * passes a window's end, forwards that window's final aggregate, once, with the largest timestamp of its records.
 * Windows of all keys that close together are emitted in window-start order (ties in serialized-key order), as
 * Kafka Streams' time-ordered store yields them. Unlike Kafka Streams, which checks at most once per wall-clock
 * interval, this checks on every record, so results do not depend on processing speed.
 *
 * <p>Invariant: every window ending at or before {@code lastEmittedCloseTime} has been emitted. Threading: the
 * task's thread. The last close time is not persisted: after a restart, windows closed before it may be emitted
 * again (Kafka Streams keeps it in the committed offsets' metadata).
 */
final class WindowCloseEmitter<K, V> {
    private static final long NONE = -1L;
    private final long windowLengthMs;
    private long lastEmittedCloseTime = NONE;

    /** @param windowLengthMs window end minus window start */
    WindowCloseEmitter(long windowLengthMs) {
        this.windowLengthMs = windowLengthMs;
    }

    void emitClosed(long closeTime, TimestampedWindowStore<K, V> store, WindowedResultForwarder<K, V> forwarder,
                    Headers headers) {
        if (lastEmittedCloseTime != NONE && closeTime <= lastEmittedCloseTime) {
            return;
        }
        long lastStartInclusive = closeTime - windowLengthMs;
        if (lastStartInclusive < 0) {
            return; // no window has closed yet
        }
        long firstStartInclusive = lastEmittedCloseTime == NONE ? 0
            : Math.max(0, lastEmittedCloseTime - windowLengthMs + 1);
        List<KeyValue<Windowed<K>, ValueAndTimestamp<V>>> closed = new ArrayList<>();
        try (KeyValueIterator<Windowed<K>, ValueAndTimestamp<V>> windows =
                 store.fetchAll(firstStartInclusive, lastStartInclusive)) {
            windows.forEachRemaining(closed::add);
        }
        closed.sort(Comparator.comparingLong(entry -> entry.key.window().start()));
        for (KeyValue<Windowed<K>, ValueAndTimestamp<V>> window : closed) {
            forwarder.forwardFinal(window.key, window.value.value(), window.value.timestamp(), headers);
        }
        lastEmittedCloseTime = closeTime;
    }
}
