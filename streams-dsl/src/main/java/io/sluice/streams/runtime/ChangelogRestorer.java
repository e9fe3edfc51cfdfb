package io.sluice.streams.runtime;

import io.sluice.streams.KeyValue;
import io.sluice.streams.errors.StreamsException;
import io.sluice.streams.processor.BatchingStateRestoreCallback;
import io.sluice.streams.processor.StateRestoreCallback;
import io.sluice.streams.processor.StateRestoreListener;
import io.sluice.streams.processor.TaskId;
import io.sluice.streams.processor.internals.StreamTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a task's stores from their changelogs before the task processes: for each changelog partition of the
 * task ({@link StreamTask#changelogPartitions()}), reads from the checkpointed offset — or the partition's
 * beginning when there is none — up to the partition's end offset as read when restoring starts, and hands the
 * records, one poll's worth per partition at a time, to the store's restore callback (a
 * {@link BatchingStateRestoreCallback} takes each batch in one write). Progress goes to a
 * {@link StateRestoreListener} and to the log ({@link RestoreProgress}).
 *
 * <p>The restore consumer is assign-only (no group, no committed offsets): this class assigns it the partitions
 * to restore, seeks them, and leaves it unassigned when done, so one consumer serves every task of a thread in
 * turn.
 *
 * <p>Threading: {@link #restore} blocks the calling stream thread until the task is restored; another thread
 * stops it with {@code restoreConsumer.wakeup()}, which ends it with a {@link WakeupException} after telling
 * the listener which partitions were suspended. Stateless itself, so one instance may serve several threads.
 */
public final class ChangelogRestorer {
    private static final Logger LOG = LoggerFactory.getLogger(ChangelogRestorer.class);

    private final Duration pollTimeout;
    private final LongSupplier nanoClock;

    public ChangelogRestorer() {
        this(Duration.ofMillis(100), System::nanoTime);
    }

    /**
     * @param pollTimeout how long one poll of the restore consumer waits for records
     * @param nanoClock   the clock of the progress log
     */
    public ChangelogRestorer(Duration pollTimeout, LongSupplier nanoClock) {
        this.pollTimeout = pollTimeout;
        this.nanoClock = nanoClock;
    }

    /**
     * Restores the stores of an initialized {@code task}.
     *
     * @param checkpointedOffsets the task's checkpoint: per changelog partition, the offset to restore from;
     *                            partitions absent from it restore from their beginning, entries for partitions
     *                            the task does not log are ignored
     * @return per changelog partition of the task, the offset its store is now restored to (exclusive): what the
     *         next checkpoint holds until the task writes to the store
     * @throws StreamsException naming the task and partition when a checkpoint is outside its changelog (the local
     *                          state does not match the changelog: delete the task directory to restore from
     *                          scratch), a store has no restore callback, or reading or restoring fails
     * @throws WakeupException  when {@code restoreConsumer.wakeup()} stopped the restore
     */
    public Map<TopicPartition, Long> restore(StreamTask task, Map<TopicPartition, Long> checkpointedOffsets,
                                             Consumer<byte[], byte[]> restoreConsumer,
                                             StateRestoreListener listener) {
        Map<TopicPartition, String> stores = task.changelogPartitions();
        if (stores.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, Long> beginnings;
        Map<TopicPartition, Long> ends;
        try {
            beginnings = restoreConsumer.beginningOffsets(stores.keySet());
            ends = restoreConsumer.endOffsets(stores.keySet());
        } catch (TimeoutException e) {
            throw new StreamsException("Cannot read the offsets of the changelog partitions " + stores.keySet()
                + " of task " + task.id() + ": " + e.getMessage(), e, task.id());
        }
        Map<TopicPartition, PartitionRestore> pending = new LinkedHashMap<>();
        long totalOffsets = 0;
        for (Map.Entry<TopicPartition, String> entry : stores.entrySet()) {
            TopicPartition partition = entry.getKey();
            long end = requireOffset(ends, partition, task.id(), "end");
            long beginning = requireOffset(beginnings, partition, task.id(), "beginning");
            Long checkpointed = checkpointedOffsets.get(partition);
            long start = checkpointed == null ? beginning : checkpointed;
            if (start < beginning || start > end) {
                throw new StreamsException("The checkpoint of task " + task.id() + " has offset " + checkpointed
                    + " for changelog partition " + partition + " of store " + entry.getValue()
                    + ", outside the partition's offsets [" + beginning + ", " + end + "]: the local state does not "
                    + "match the changelog; delete the task's state directory to restore it from scratch",
                    task.id());
            }
            if (start < end) {
                pending.put(partition, new PartitionRestore(entry.getValue(), start, end,
                    restoreCallback(task, entry.getValue())));
                totalOffsets += end - start;
            }
        }
        if (!pending.isEmpty()) {
            restorePending(task.id(), pending, totalOffsets, restoreConsumer, listener);
        }
        Map<TopicPartition, Long> restoredTo = new LinkedHashMap<>();
        stores.keySet().forEach(partition -> restoredTo.put(partition, ends.get(partition)));
        return restoredTo;
    }

    private void restorePending(TaskId task, Map<TopicPartition, PartitionRestore> pending, long totalOffsets,
                                Consumer<byte[], byte[]> restoreConsumer, StateRestoreListener listener) {
        RestoreProgress progress = new RestoreProgress(task, totalOffsets, nanoClock.getAsLong());
        restoreConsumer.assign(pending.keySet());
        try {
            pending.forEach((partition, restore) -> {
                restoreConsumer.seek(partition, restore.start);
                listener.onRestoreStart(partition, restore.store, restore.start, restore.end);
            });
            while (!pending.isEmpty()) {
                ConsumerRecords<byte[], byte[]> records = restoreConsumer.poll(pollTimeout);
                for (TopicPartition partition : List.copyOf(pending.keySet())) {
                    PartitionRestore restore = pending.get(partition);
                    restoreBatch(task, partition, restore, records.records(partition), progress, listener);
                    // The position, not the last record, decides: transaction markers take offsets too.
                    if (restoreConsumer.position(partition) >= restore.end) {
                        pending.remove(partition);
                        restoreConsumer.pause(Set.of(partition));
                        listener.onRestoreEnd(partition, restore.store, restore.restored);
                    }
                }
            }
            LOG.info(progress.completed(nanoClock.getAsLong()));
        } catch (RuntimeException e) {
            pending.forEach((partition, restore) ->
                listener.onRestoreSuspended(partition, restore.store, restore.restored));
            if (e instanceof WakeupException || e instanceof InterruptException || e instanceof StreamsException) {
                throw e;
            }
            throw new StreamsException("Restoring the state of task " + task + " from changelog partitions "
                + pending.keySet() + " failed: " + e, e, task);
        } finally {
            restoreConsumer.assign(List.of()); // assigning nothing is how an assign-only consumer unassigns
        }
    }

    private void restoreBatch(TaskId task, TopicPartition partition, PartitionRestore restore,
                              List<ConsumerRecord<byte[], byte[]>> records, RestoreProgress progress,
                              StateRestoreListener listener) {
        List<KeyValue<byte[], byte[]>> batch = new ArrayList<>(records.size());
        long lastOffset = -1;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.offset() >= restore.end) {
                break; // written after restoring began: not part of the state restored here
            }
            batch.add(KeyValue.pair(record.key(), record.value()));
            lastOffset = record.offset();
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            restore.apply(batch);
        } catch (RuntimeException e) {
            throw new StreamsException("Store " + restore.store + " of task " + task + " failed to restore the "
                + "batch ending at offset " + lastOffset + " of changelog partition " + partition + ": " + e, e, task);
        }
        long coveredBefore = restore.covered;
        restore.covered = lastOffset + 1 - restore.start;
        restore.restored += batch.size();
        listener.onBatchRestored(partition, restore.store, lastOffset, batch.size());
        progress.advance(restore.covered - coveredBefore, batch.size(), nanoClock.getAsLong()).ifPresent(LOG::info);
    }

    private static StateRestoreCallback restoreCallback(StreamTask task, String store) {
        StateRestoreCallback callback = task.restoreCallback(store);
        if (callback == null) {
            throw new StreamsException("Store " + store + " of task " + task.id() + " has a changelog but registered "
                + "no restore callback: is the task initialized?", task.id());
        }
        return callback;
    }

    private static long requireOffset(Map<TopicPartition, Long> offsets, TopicPartition partition, TaskId task,
                                      String which) {
        Long offset = offsets.get(partition);
        if (offset == null) {
            throw new StreamsException("No " + which + " offset for changelog partition " + partition + " of task "
                + task + ": does the changelog topic exist with enough partitions?", task);
        }
        return offset;
    }

    /** The restore of one changelog partition into one store; mutable counters, confined to the restoring call. */
    private static final class PartitionRestore {
        final String store;
        final long start;
        final long end;
        final StateRestoreCallback callback;
        long covered;
        long restored;

        PartitionRestore(String store, long start, long end, StateRestoreCallback callback) {
            this.store = store;
            this.start = start;
            this.end = end;
            this.callback = callback;
        }

        void apply(List<KeyValue<byte[], byte[]>> batch) {
            if (callback instanceof BatchingStateRestoreCallback batching) {
                batching.restoreAll(batch);
            } else {
                batch.forEach(record -> callback.restore(record.key, record.value));
            }
        }
    }
}
