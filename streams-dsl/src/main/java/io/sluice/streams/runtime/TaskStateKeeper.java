package io.sluice.streams.runtime;

import io.sluice.streams.processor.TaskId;
import io.sluice.streams.processor.internals.StreamTask;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The checkpoints of one stream thread's tasks (design note 0010): what a new task restores from, and what is
 * written once a commit made a task's state durable.
 *
 * <p>A checkpoint holds, per changelog partition of a persistent store, the offset the store on disk is complete
 * up to (exclusive): the restored offset, raised to the producer's acknowledged offset + 1 once the task writes.
 * In-memory stores are left out, so they always restore from the changelog's beginning. Checkpoints are written
 * only after the commit (or the close) made every earlier write durable, and never deleted: a crash leaves the
 * last one, and the changelog tail after it is restored on the next start (replaying a tail the store already
 * holds is harmless, since a changelog record is the store's latest value for its key).
 *
 * <p>Threading: confined to its stream thread.
 */
final class TaskStateKeeper {
    private final StateDirectory stateDirectory;
    private final ProducerRecordCollector collector;

    TaskStateKeeper(StateDirectory stateDirectory, ProducerRecordCollector collector) {
        this.stateDirectory = stateDirectory;
        this.collector = collector;
    }

    /** The task's checkpoint on disk: where its restore starts (empty without one). */
    Map<TopicPartition, Long> checkpointed(TaskId task) {
        return stateDirectory.checkpoint(task).read();
    }

    /**
     * The offsets a checkpoint of {@code task} may hold, from where its stores are complete up to: those of its
     * persistent stores.
     */
    Map<TopicPartition, Long> checkpointable(StreamTask task, Map<TopicPartition, Long> storedUpTo) {
        Map<TopicPartition, Long> offsets = new HashMap<>(storedUpTo);
        offsets.keySet().removeIf(partition -> !persistent(task, partition));
        return offsets;
    }

    /**
     * Writes the checkpoint of {@code task} once its stores are flushed and its output acknowledged:
     * {@code offsets} ({@link #checkpointable}, updated by earlier checkpoints) is raised to what the producer
     * acknowledged.
     */
    void checkpoint(StreamTask task, Map<TopicPartition, Long> offsets) {
        if (offsets.isEmpty()) {
            return; // no persistent logged store: nothing on disk to describe
        }
        Map<TopicPartition, Long> acked = collector.ackedChangelogOffsets();
        offsets.replaceAll((partition, offset) -> {
            Long last = acked.get(partition);
            return last == null ? offset : Math.max(offset, last + 1);
        });
        stateDirectory.checkpoint(task.id()).write(offsets);
    }

    private static boolean persistent(StreamTask task, TopicPartition partition) {
        return task.store(task.changelogPartitions().get(partition)).persistent();
    }
}
