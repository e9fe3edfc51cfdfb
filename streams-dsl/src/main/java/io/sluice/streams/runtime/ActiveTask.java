package io.sluice.streams.runtime;

import io.sluice.streams.processor.internals.StreamTask;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * An active task of a stream thread with what the thread keeps beside it: its source partitions, its buffered
 * input, the next offset to commit per partition it has processed, and, once it runs, the offsets of its next
 * checkpoint ({@link TaskStateKeeper}).
 *
 * <p>States: RESTORING (created; its stores are being restored by the {@link ChangelogReader}, its processors are
 * not initialized, its input is paused) → RUNNING ({@link #running}: processors initialized, processes its input).
 * A task leaves either state by being closed.
 *
 * <p>Threading: confined to its stream thread.
 */
final class ActiveTask {
    private final StreamTask task;
    private final Set<TopicPartition> partitions;
    private final TaskRecordQueue queue = new TaskRecordQueue();
    private final TaskIdleGate idleGate;
    /** Next offset to commit per processed partition; a mutable cell, so recording a record boxes nothing. */
    private final Map<TopicPartition, long[]> offsetsToCommit = new HashMap<>();
    /** {@code null} while restoring. */
    private Map<TopicPartition, Long> checkpoint;

    /** @param maxTaskIdleMs {@code max.task.idle.ms} ({@link TaskIdleGate}) */
    ActiveTask(StreamTask task, Set<TopicPartition> partitions, long maxTaskIdleMs) {
        this.task = task;
        this.partitions = Set.copyOf(partitions);
        this.idleGate = new TaskIdleGate(partitions, maxTaskIdleMs);
    }

    /**
     * RESTORING → RUNNING: initializes the processors on the restored stores.
     *
     * @param checkpoint the offsets of the task's next checkpoint ({@link TaskStateKeeper#checkpointable})
     */
    void running(Map<TopicPartition, Long> checkpoint) {
        if (this.checkpoint != null) {
            throw new IllegalStateException("task " + task.id() + " runs already");
        }
        task.initializeProcessors();
        this.checkpoint = new HashMap<>(checkpoint);
    }

    boolean isRunning() {
        return checkpoint != null;
    }

    StreamTask task() {
        return task;
    }

    Set<TopicPartition> partitions() {
        return partitions;
    }

    TaskRecordQueue queue() {
        return queue;
    }

    TaskIdleGate idleGate() {
        return idleGate;
    }

    /** Records that the record before {@code nextOffset} of {@code partition} was processed. */
    void processed(TopicPartition partition, long nextOffset) {
        offsetsToCommit.computeIfAbsent(partition, p -> new long[1])[0] = nextOffset;
    }

    /** The next offset to commit per partition processed since the last {@link #committed()}. */
    Map<TopicPartition, Long> offsetsToCommit() {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        offsetsToCommit.forEach((partition, next) -> offsets.put(partition, next[0]));
        return offsets;
    }

    /** Forgets the offsets to commit: they were committed. */
    void committed() {
        offsetsToCommit.clear();
    }

    /** The offsets of the next checkpoint, updated in place as checkpoints are written; only while running. */
    Map<TopicPartition, Long> checkpoint() {
        if (checkpoint == null) {
            throw new IllegalStateException("task " + task.id() + " is still restoring: it has no checkpoint yet");
        }
        return checkpoint;
    }
}
