package io.sluice.streams.runtime;

import io.sluice.streams.processor.StateRestoreListener;
import io.sluice.streams.processor.internals.StreamTask;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Keeps the stores of one stream thread's tasks in step with their changelogs: restores a new task from its
 * checkpoint ({@link ChangelogRestorer}) and writes the checkpoint at each commit (design note 0010).
 *
 * <p>A checkpoint holds, per changelog partition of a persistent store, the offset the store on disk is complete
 * up to (exclusive): the restored offset, raised to the producer's acknowledged offset + 1 once the task writes.
 * In-memory stores are left out, so they always restore from the changelog's beginning. Checkpoints are written
 * only after the commit made every earlier write durable, and never deleted: a crash leaves the last one, and the
 * changelog tail after it is restored on the next start (replaying a tail the store already holds is harmless,
 * since a changelog record is the store's latest value for its key).
 *
 * <p>Threading: confined to its stream thread, except that another thread may {@code wakeup()} the restore
 * consumer to stop a restore.
 */
final class TaskStateKeeper {
    private final StateDirectory stateDirectory;
    private final ChangelogRestorer restorer;
    private final Consumer<byte[], byte[]> restoreConsumer;
    private final StateRestoreListener listener;
    private final ProducerRecordCollector collector;

    TaskStateKeeper(StateDirectory stateDirectory, ChangelogRestorer restorer, Consumer<byte[], byte[]> restoreConsumer,
                    StateRestoreListener listener, ProducerRecordCollector collector) {
        this.stateDirectory = stateDirectory;
        this.restorer = restorer;
        this.restoreConsumer = restoreConsumer;
        this.listener = listener;
        this.collector = collector;
    }

    /**
     * Restores the stores of the initialized {@code task} from its checkpoint (or from scratch without one).
     *
     * @return the offsets to checkpoint until the task writes: per changelog partition of a persistent store
     * @throws org.apache.kafka.common.errors.WakeupException when the restore consumer was woken up
     */
    Map<TopicPartition, Long> restore(StreamTask task) {
        Map<TopicPartition, Long> checkpointed = stateDirectory.checkpoint(task.id()).read();
        Map<TopicPartition, Long> restored = restorer.restore(task, checkpointed, restoreConsumer, listener);
        Map<TopicPartition, Long> offsets = new HashMap<>(restored);
        offsets.keySet().removeIf(partition -> !persistent(task, partition));
        return offsets;
    }

    /**
     * Writes the checkpoint of {@code task} after a commit flushed its output: {@code offsets} (what
     * {@link #restore} returned, updated by earlier checkpoints) is raised to what the producer acknowledged.
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
