package io.sluice.streams.runtime;

import io.sluice.streams.processor.TaskId;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The progress of one task's restore, as a log line at most every {@link #LOG_INTERVAL_NS}: percent done and
 * records/s. Percent counts changelog offsets, not records, because a compacted changelog has fewer records than
 * offsets and its record count is unknown until read.
 *
 * <p>Threading: confined to the restoring thread. Times are {@code System.nanoTime()}-style and given by the
 * caller, so the throttling is testable.
 */
final class RestoreProgress {
    static final long LOG_INTERVAL_NS = TimeUnit.SECONDS.toNanos(2);

    private final TaskId task;
    private final long totalOffsets;
    private final long startNs;
    private long coveredOffsets;
    private long restoredRecords;
    private long lastLogNs;

    /** @param totalOffsets the offsets to cover over all the task's changelog partitions, at least 0 */
    RestoreProgress(TaskId task, long totalOffsets, long startNs) {
        this.task = task;
        this.totalOffsets = totalOffsets;
        this.startNs = startNs;
        this.lastLogNs = startNs;
    }

    /**
     * Counts a batch; returns the line to log when the last line (or the start) is at least
     * {@link #LOG_INTERVAL_NS} old.
     *
     * @param offsets how far the batch moved its partition's position
     * @param records how many records it wrote to a store
     */
    Optional<String> advance(long offsets, long records, long nowNs) {
        coveredOffsets += offsets;
        restoredRecords += records;
        if (nowNs - lastLogNs < LOG_INTERVAL_NS) {
            return Optional.empty();
        }
        lastLogNs = nowNs;
        return Optional.of("Restoring the state of task " + task + ": " + percentDone() + "% done, "
            + restoredRecords + " records at " + recordsPerSecond(nowNs) + " records/s");
    }

    /** The line to log when the restore is complete. */
    String completed(long nowNs) {
        return "Restored the state of task " + task + ": " + restoredRecords + " records in "
            + TimeUnit.NANOSECONDS.toMillis(nowNs - startNs) + " ms (" + recordsPerSecond(nowNs) + " records/s)";
    }

    long restoredRecords() {
        return restoredRecords;
    }

    int percentDone() {
        return totalOffsets == 0 ? 100 : (int) Math.min(100, coveredOffsets * 100 / totalOffsets);
    }

    private long recordsPerSecond(long nowNs) {
        long elapsedNs = Math.max(1, nowNs - startNs);
        return restoredRecords * TimeUnit.SECONDS.toNanos(1) / elapsedNs;
    }
}
