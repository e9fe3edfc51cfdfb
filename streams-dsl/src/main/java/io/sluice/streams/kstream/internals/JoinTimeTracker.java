package io.sluice.streams.kstream.internals;

import io.sluice.streams.processor.TaskId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clock shared by the two sides of one stream-stream join in one task: the join's stream time (the largest
 * timestamp either side has seen, {@code -1} before any), a lower bound of the timestamps waiting in the
 * outer-join buffer ({@code minTimeMs}, {@code Long.MAX_VALUE} when it may be empty) that lets a side skip scanning
 * the buffer when nothing can be due, and the wall-clock time before which it does not scan again.
 *
 * <p>Both sides must see one stream time: a left record that waits for a match is released by time advanced on
 * either side, as in Kafka Streams. Threading: one instance per task, used by that task's thread only; the
 * {@link Registry} handing instances out is shared by all tasks and thread-safe.
 */
final class JoinTimeTracker {
    long streamTimeMs = -1;
    long minTimeMs = Long.MAX_VALUE;
    long nextScanWallClockMs;
    long scanIntervalMs;

    void advanceStreamTime(long timestampMs) {
        streamTimeMs = Math.max(streamTimeMs, timestampMs);
    }

    void waiting(long timestampMs) {
        minTimeMs = Math.min(minTimeMs, timestampMs);
    }

    /**
     * Whether a scan may run at {@code nowMs}; if so, the next one may run one interval later. Scans are throttled
     * on wall-clock time (Kafka Streams' {@code __emit.interval.ms.kstreams.outer.join.spurious.results.fix__},
     * default 1 s) because scanning the buffer is costly with RocksDB; the throttle is observable (results due
     * wait for the next scan), so it keeps Kafka's default and key.
     */
    boolean startScan(long nowMs) {
        if (nowMs < nextScanWallClockMs) {
            return false;
        }
        nextScanWallClockMs = nowMs + scanIntervalMs;
        return true;
    }

    /** Gives both join processors of a task the same tracker; created with the join, one per join. */
    static final class Registry {
        private final Map<TaskId, JoinTimeTracker> byTask = new ConcurrentHashMap<>();

        JoinTimeTracker get(TaskId task) {
            return byTask.computeIfAbsent(task, id -> new JoinTimeTracker());
        }

        /** Forgets the task's tracker (the task closed): a reopened task starts again from its stores. */
        void remove(TaskId task) {
            byTask.remove(task);
        }
    }
}
