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
import java.util.HashMap;
import java.util.HashSet;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the stores of one stream thread's tasks in step with their changelogs, one {@link #read} at a time from the
 * thread's loop (the role of Kafka Streams' changelog reader and state updater), for two kinds of task:
 * <ul>
 *   <li><b>restoring</b> (an active task that may not process yet): each changelog partition is read from the
 *       checkpointed offset, or the partition's beginning, up to its end offset as looked up when reading starts;
 *       once all its partitions are there, {@link #read} returns the task and forgets it;</li>
 *   <li><b>standby</b>: read from the checkpoint, or the beginning, with no end, until {@link #unregister}ed.</li>
 * </ul>
 * Every registered partition of every task is assigned to the thread's assign-only restore consumer at once, so
 * one poll fetches from all of them, and each poll's records of a partition reach its store in one batch (a
 * {@link BatchingStateRestoreCallback}: one RocksDB write batch). Restores report to a {@link StateRestoreListener}
 * (start, batches, end, or suspended when unregistered; only partitions with something to restore) and log progress
 * per task ({@link RestoreProgress}); standbys report nothing.
 *
 * <p>Registering does no I/O: the offsets of newly registered partitions are looked up at the next {@link #read},
 * all tasks together, so the rebalance callback that creates tasks never waits for the brokers.
 *
 * <p>Invariant: the consumer's assignment is exactly the partitions of registered tasks whose offsets are known and
 * that still have records to read, re-assigned lazily at the next {@link #read} (kafka-clients keeps the
 * positions of partitions that stay assigned). Offsets handed out are exclusive: the store holds every changelog
 * record below them.
 *
 * <p>Threading: confined to its stream thread, like the consumer and the tasks' stores.
 */
final class ChangelogReader {
    private static final Logger LOG = LoggerFactory.getLogger(ChangelogReader.class);

    private final Consumer<byte[], byte[]> consumer;
    private final StateRestoreListener listener;
    private final LongSupplier nanoClock;
    private final Map<TaskId, TaskChangelogs> tasks = new LinkedHashMap<>();
    private final Map<TopicPartition, PartitionReader> assigned = new HashMap<>();
    private boolean assignmentStale;

    /**
     * @param consumer  assign-only, {@code auto.offset.reset=none}; this reader owns its assignment
     * @param nanoClock the clock of the progress log
     */
    ChangelogReader(Consumer<byte[], byte[]> consumer, StateRestoreListener listener, LongSupplier nanoClock) {
        this.consumer = consumer;
        this.listener = listener;
        this.nanoClock = nanoClock;
    }

    /**
     * Starts restoring an active task whose stores are initialized.
     *
     * @param checkpoint per changelog partition, the offset its store holds everything below; partitions absent from
     *                   it restore from their beginning, partitions the task does not log are ignored
     * @return whether the task is restored already: it logs nothing, so it was not registered
     */
    boolean registerRestoring(StreamTask task, Map<TopicPartition, Long> checkpoint) {
        return register(task, checkpoint, false);
    }

    /** Starts keeping a standby task's initialized stores up to date, from {@code checkpoint} as for restoring. */
    void registerStandby(StreamTask task, Map<TopicPartition, Long> checkpoint) {
        register(task, checkpoint, true);
    }

    private boolean register(StreamTask task, Map<TopicPartition, Long> checkpoint, boolean standby) {
        if (tasks.containsKey(task.id())) {
            throw new IllegalStateException("task " + task.id() + " is registered already");
        }
        if (task.changelogPartitions().isEmpty() && !standby) {
            return true;
        }
        tasks.put(task.id(), new TaskChangelogs(task, standby, checkpoint));
        return false;
    }

    /** Whether an active task is still being restored. */
    boolean hasRestoring() {
        return tasks.values().stream().anyMatch(changelogs -> !changelogs.standby);
    }

    /**
     * Stops reading a task's changelogs (a restore in progress is reported suspended).
     *
     * @return per changelog partition, the offset its store is complete up to (its checkpoint once the store is
     *         flushed); empty when the task is not registered
     */
    Map<TopicPartition, Long> unregister(TaskId id) {
        TaskChangelogs changelogs = tasks.remove(id);
        if (changelogs == null) {
            return Map.of();
        }
        forget(changelogs);
        changelogs.partitions.forEach((partition, reader) -> {
            if (reader.reported) {
                listener.onRestoreSuspended(partition, reader.store, reader.restored);
            }
        });
        return changelogs.positions();
    }

    /** The offsets a registered task's stores are complete up to, per changelog partition; empty when unknown. */
    Map<TopicPartition, Long> positions(TaskId id) {
        TaskChangelogs changelogs = tasks.get(id);
        return changelogs == null ? Map.of() : changelogs.positions();
    }

    /**
     * Looks up the offsets of newly registered tasks, polls once (waiting up to {@code timeout} for records) and
     * applies what came to the stores.
     *
     * @return the restoring tasks that are now restored (no longer registered), with the offsets their stores are
     *         complete up to per changelog partition
     * @throws StreamsException naming the task and partition when a checkpoint is outside its changelog (the local
     *                          state does not match the changelog: delete the task directory to restore from
     *                          scratch), a store has no restore callback, or reading or restoring fails
     */
    Map<TaskId, Map<TopicPartition, Long>> read(Duration timeout) {
        lookUpOffsets();
        Map<TaskId, Map<TopicPartition, Long>> restored = new LinkedHashMap<>();
        for (TaskChangelogs changelogs : List.copyOf(tasks.values())) {
            if (changelogs.started && changelogs.isRestored()) {
                restored.put(changelogs.task.id(), finish(changelogs));
            }
        }
        if (assignmentStale) {
            consumer.assign(assigned.keySet()); // assigning nothing is how an assign-only consumer unassigns
            assignmentStale = false;
        }
        if (assigned.isEmpty()) {
            return restored;
        }
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(timeout);
        } catch (InterruptException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StreamsException("Reading the changelog partitions " + assigned.keySet() + " failed: " + e, e);
        }
        for (TopicPartition partition : records.partitions()) {
            PartitionReader reader = assigned.get(partition);
            if (reader != null) {
                reader.apply(records.records(partition));
            }
        }
        for (TaskChangelogs changelogs : List.copyOf(tasks.values())) {
            if (!changelogs.standby && changelogs.started && changelogs.isRestored()) {
                restored.put(changelogs.task.id(), finish(changelogs));
            }
        }
        return restored;
    }

    /** One {@code beginningOffsets} and one {@code endOffsets} call for the partitions of every new task. */
    private void lookUpOffsets() {
        List<TaskChangelogs> unstarted = tasks.values().stream().filter(changelogs -> !changelogs.started).toList();
        if (unstarted.isEmpty()) {
            return;
        }
        Set<TopicPartition> partitions = new HashSet<>();
        unstarted.forEach(changelogs -> partitions.addAll(changelogs.task.changelogPartitions().keySet()));
        Map<TopicPartition, Long> beginnings;
        Map<TopicPartition, Long> ends;
        try {
            beginnings = consumer.beginningOffsets(partitions);
            ends = consumer.endOffsets(partitions);
        } catch (TimeoutException e) {
            throw new StreamsException("Cannot read the offsets of the changelog partitions " + partitions + ": "
                + e.getMessage(), e);
        }
        for (TaskChangelogs changelogs : unstarted) {
            changelogs.start(beginnings, ends);
            changelogs.partitions.forEach((partition, reader) -> {
                if (!reader.done()) {
                    assigned.put(partition, reader);
                    assignmentStale = true;
                }
            });
        }
        if (assignmentStale) {
            consumer.assign(assigned.keySet());
            assignmentStale = false;
            for (TaskChangelogs changelogs : unstarted) {
                changelogs.partitions.forEach((partition, reader) -> {
                    if (!reader.done()) {
                        consumer.seek(partition, reader.position);
                    }
                });
            }
        }
    }

    private Map<TopicPartition, Long> finish(TaskChangelogs changelogs) {
        tasks.remove(changelogs.task.id());
        forget(changelogs);
        changelogs.partitions.forEach((partition, reader) -> {
            if (reader.reported) {
                listener.onRestoreEnd(partition, reader.store, reader.restored);
            }
        });
        if (changelogs.partitions.values().stream().anyMatch(reader -> reader.reported)) {
            LOG.info(changelogs.progress.completed(nanoClock.getAsLong()));
        }
        return changelogs.positions();
    }

    private void forget(TaskChangelogs changelogs) {
        for (TopicPartition partition : changelogs.partitions.keySet()) {
            if (assigned.remove(partition) != null) {
                assignmentStale = true;
            }
        }
    }

    /** The changelog partitions of one registered task; mutable, confined to the reader. */
    private final class TaskChangelogs {
        final StreamTask task;
        final boolean standby;
        final Map<TopicPartition, Long> checkpoint;
        final Map<TopicPartition, PartitionReader> partitions = new LinkedHashMap<>();
        RestoreProgress progress;
        boolean started;

        TaskChangelogs(StreamTask task, boolean standby, Map<TopicPartition, Long> checkpoint) {
            this.task = task;
            this.standby = standby;
            this.checkpoint = Map.copyOf(checkpoint);
        }

        /** Positions every partition at its checkpoint (validated) or beginning, and tells the listener. */
        void start(Map<TopicPartition, Long> beginnings, Map<TopicPartition, Long> ends) {
            long totalOffsets = 0;
            for (Map.Entry<TopicPartition, String> entry : task.changelogPartitions().entrySet()) {
                TopicPartition partition = entry.getKey();
                long end = requireOffset(ends, partition, "end");
                long beginning = requireOffset(beginnings, partition, "beginning");
                Long checkpointed = checkpoint.get(partition);
                long start = checkpointed == null ? beginning : checkpointed;
                if (start < beginning || start > end) {
                    throw new StreamsException("The checkpoint of task " + task.id() + " has offset " + checkpointed
                        + " for changelog partition " + partition + " of store " + entry.getValue()
                        + ", outside the partition's offsets [" + beginning + ", " + end + "]: the local state does "
                        + "not match the changelog; delete the task's state directory to restore it from scratch",
                        task.id());
                }
                PartitionReader reader = new PartitionReader(this, partition, entry.getValue(), start,
                    standby ? Long.MAX_VALUE : end, restoreCallback(entry.getValue()));
                partitions.put(partition, reader);
                totalOffsets += end - start;
            }
            progress = new RestoreProgress(task.id(), totalOffsets, nanoClock.getAsLong());
            started = true;
            if (!standby) {
                partitions.forEach((partition, reader) -> {
                    if (!reader.done()) { // a partition with nothing to restore is not reported: no start without an end
                        reader.reported = true;
                        listener.onRestoreStart(partition, reader.store, reader.position, reader.end);
                    }
                });
            }
        }

        boolean isRestored() {
            return partitions.values().stream().allMatch(PartitionReader::done);
        }

        /** Where each store is complete up to: the checkpoint until the offsets are looked up. */
        Map<TopicPartition, Long> positions() {
            if (!started) {
                Map<TopicPartition, Long> known = new LinkedHashMap<>(checkpoint);
                known.keySet().retainAll(task.changelogPartitions().keySet());
                return known;
            }
            Map<TopicPartition, Long> positions = new LinkedHashMap<>();
            partitions.forEach((partition, reader) -> positions.put(partition, reader.position));
            return positions;
        }

        private StateRestoreCallback restoreCallback(String store) {
            StateRestoreCallback callback = task.restoreCallback(store);
            if (callback == null) {
                throw new StreamsException("Store " + store + " of task " + task.id() + " has a changelog but "
                    + "registered no restore callback: is the task initialized?", task.id());
            }
            return callback;
        }

        private long requireOffset(Map<TopicPartition, Long> offsets, TopicPartition partition, String which) {
            Long offset = offsets.get(partition);
            if (offset == null) {
                throw new StreamsException("No " + which + " offset for changelog partition " + partition
                    + " of task " + task.id() + ": does the changelog topic exist with enough partitions?", task.id());
            }
            return offset;
        }
    }

    /** One changelog partition feeding one store; mutable, confined to the reader. */
    private final class PartitionReader {
        final TaskChangelogs owner;
        final TopicPartition partition;
        final String store;
        /** Exclusive; {@code Long.MAX_VALUE} for a standby, which never ends. */
        final long end;
        final StateRestoreCallback callback;
        /** The store holds every record of the partition below this offset. */
        long position;
        long restored;
        /** Whether the listener was told this partition's restore started (so it is told how it ends). */
        boolean reported;

        PartitionReader(TaskChangelogs owner, TopicPartition partition, String store, long start, long end,
                        StateRestoreCallback callback) {
            this.owner = owner;
            this.partition = partition;
            this.store = store;
            this.position = start;
            this.end = end;
            this.callback = callback;
        }

        boolean done() {
            return position >= end;
        }

        void apply(List<ConsumerRecord<byte[], byte[]>> records) {
            List<KeyValue<byte[], byte[]>> batch = new ArrayList<>(records.size());
            long lastOffset = -1;
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (record.offset() >= end) {
                    break; // written after restoring began: not part of the state restored here
                }
                batch.add(KeyValue.pair(record.key(), record.value()));
                lastOffset = record.offset();
            }
            if (!batch.isEmpty()) {
                write(batch, lastOffset);
            }
            // The consumer's position, not the last record, decides: transaction markers take offsets too.
            long consumed = consumer.position(partition);
            long before = position;
            position = Math.max(position, Math.min(consumed, end));
            if (!owner.standby) {
                owner.progress.advance(position - before, batch.size(), nanoClock.getAsLong()).ifPresent(LOG::info);
            }
            if (done()) {
                assigned.remove(partition);
                assignmentStale = true;
            }
        }

        private void write(List<KeyValue<byte[], byte[]>> batch, long lastOffset) {
            try {
                if (callback instanceof BatchingStateRestoreCallback batching) {
                    batching.restoreAll(batch);
                } else {
                    batch.forEach(record -> callback.restore(record.key, record.value));
                }
            } catch (RuntimeException e) {
                throw new StreamsException("Store " + store + " of task " + owner.task.id() + " failed to apply the "
                    + "batch ending at offset " + lastOffset + " of changelog partition " + partition + ": " + e, e,
                    owner.task.id());
            }
            restored += batch.size();
            if (reported) {
                listener.onBatchRestored(partition, store, lastOffset, batch.size());
            }
        }
    }
}
