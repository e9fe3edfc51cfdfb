package io.sluice.streams.runtime;

import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.TaskId;
import io.sluice.streams.processor.internals.StreamTask;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active tasks of one stream thread, created and closed as its consumer's assignment changes, with the input
 * each has buffered and the offsets it has processed.
 *
 * <p>The tasks are those the assignor names in its {@link AssignmentInfo}; a task is created (and its stores
 * restored) once every one of its source partitions is assigned to this thread; partitions of tasks
 * that are not complete are reported by {@link #idlePartitions} so the thread pauses them (they are neither
 * processed nor committed). A commit follows design note 0010: {@code task.commit(true)} for every task (caches
 * and stores flushed, the collector flushed, so all output is acknowledged), then {@code commitSync} of the
 * offsets after the last processed record of each partition, then each task's checkpoint. Nothing is committed for
 * input whose output may not have been acknowledged: at-least-once.
 *
 * <p>Threading: confined to its stream thread, including the consumer's rebalance callbacks, which run inside
 * {@code poll}, except {@link #activeTaskStores()}, which user threads call for interactive queries: it reads an
 * immutable snapshot that the stream thread republishes whenever a task is created or closed. Invariants:
 * {@link #tasksByPartition} maps exactly the source partitions of {@link #tasks}; {@link #storesByTask} holds
 * exactly the stores of {@link #tasks} (a closed task's stores are unpublished before they close).
 */
final class TaskManager {
    private static final Logger LOG = LoggerFactory.getLogger(TaskManager.class);

    private final String threadName;
    private final TaskFactory factory;
    private final TaskStateKeeper stateKeeper;
    private final Consumer<byte[], byte[]> consumer;
    private final Map<TaskId, ActiveTask> tasks = new LinkedHashMap<>();
    private final Map<TopicPartition, ActiveTask> tasksByPartition = new HashMap<>();
    /** The active tasks of the last assignment, with their source partitions. */
    private Map<TaskId, Set<TopicPartition>> assignedTasks = Map.of();
    /** Copy-on-write snapshot of {@link #tasks}' stores for query threads; replaced, never mutated. */
    private volatile Map<TaskId, Map<String, StateStore>> storesByTask = Map.of();

    /**
     * A running task, its buffered input, the next offset to commit per partition it has processed, and the
     * offsets of its next checkpoint ({@link TaskStateKeeper}).
     */
    private record ActiveTask(StreamTask task, Set<TopicPartition> partitions, TaskRecordQueue queue,
                              Map<TopicPartition, Long> offsetsToCommit, Map<TopicPartition, Long> checkpoint) {
    }

    TaskManager(String threadName, TaskFactory factory, TaskStateKeeper stateKeeper,
                Consumer<byte[], byte[]> consumer) {
        this.threadName = threadName;
        this.factory = factory;
        this.stateKeeper = stateKeeper;
        this.consumer = consumer;
    }

    /**
     * Takes the active tasks of a new assignment (from the assignor, before {@link #onAssigned}).
     *
     * @throws io.sluice.streams.errors.StreamsException (or a subclass) when the assignor found no valid assignment
     */
    void onAssignment(AssignmentInfo info) {
        info.throwIfFailed();
        assignedTasks = info.activeTasks();
    }

    /**
     * Creates and restores the assigned tasks that do not run yet and whose partitions are all in
     * {@code assignment}; under the cooperative protocol a task whose partitions still move arrives in a later
     * rebalance.
     */
    void onAssigned(Set<TopicPartition> assignment) {
        assignedTasks.forEach((id, partitions) -> {
            if (!tasks.containsKey(id) && assignment.containsAll(partitions)) {
                StreamTask task = factory.create(id);
                Map<TopicPartition, Long> checkpoint;
                try {
                    checkpoint = stateKeeper.restore(task);
                } catch (RuntimeException e) {
                    closeQuietly(task);
                    throw e;
                }
                ActiveTask active = new ActiveTask(task, partitions, new TaskRecordQueue(), new HashMap<>(),
                    new HashMap<>(checkpoint));
                tasks.put(id, active);
                partitions.forEach(partition -> tasksByPartition.put(partition, active));
                LOG.info("{}: created task {} for {}", threadName, id, partitions);
            }
        });
        publishStores();
    }

    /** Commits, then closes, every task that owns one of the {@code revoked} partitions. */
    void onRevoked(Collection<TopicPartition> revoked) {
        List<ActiveTask> affected = new ArrayList<>();
        for (TopicPartition partition : revoked) {
            ActiveTask active = tasksByPartition.get(partition);
            if (active != null && !affected.contains(active)) {
                affected.add(active);
            }
        }
        for (ActiveTask active : affected) {
            rewindKeptPartitions(active, revoked);
        }
        commit(affected);
        affected.forEach(this::close);
    }

    /**
     * A task closed because one of its partitions was revoked may keep others; the consumer has fetched past what
     * the task processed on those, so they are moved back to the first unprocessed record, for whichever task owns
     * them next on this thread.
     */
    private void rewindKeptPartitions(ActiveTask active, Collection<TopicPartition> revoked) {
        for (TopicPartition partition : active.partitions()) {
            if (revoked.contains(partition)) {
                continue;
            }
            Long next = active.queue().firstOffset(partition);
            if (next == null) {
                next = active.offsetsToCommit().get(partition);
            }
            if (next != null) {
                consumer.seek(partition, next);
            }
        }
    }

    /**
     * Tasks whose partitions the consumer lost without a revocation (another member took them after this one
     * missed the group): closed without committing, since the offsets are no longer this thread's to commit.
     */
    void onLost(Collection<TopicPartition> lost) {
        Set<ActiveTask> affected = new HashSet<>();
        lost.stream().map(tasksByPartition::get).filter(Objects::nonNull).forEach(affected::add);
        affected.forEach(this::closeQuietly);
    }

    /** Partitions assigned to this thread that belong to no active task. */
    Set<TopicPartition> idlePartitions(Set<TopicPartition> assignment) {
        Set<TopicPartition> idle = new HashSet<>(assignment);
        idle.removeAll(tasksByPartition.keySet());
        return idle;
    }

    void addRecords(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            ActiveTask active = tasksByPartition.get(partition);
            if (active == null) {
                throw new IllegalStateException(threadName + " polled records of " + partition
                    + ", which belongs to no active task");
            }
            active.queue().add(partition, records.records(partition));
        }
    }

    int buffered(TopicPartition partition) {
        ActiveTask active = tasksByPartition.get(partition);
        return active == null ? 0 : active.queue().size(partition);
    }

    boolean hasBufferedRecords() {
        return tasks.values().stream().anyMatch(active -> !active.queue().isEmpty());
    }

    /**
     * Processes up to {@code maxPerTask} buffered records of each task, each task's in timestamp order, then runs
     * the stream-time punctuators that came due.
     *
     * @return the number of records processed
     */
    int process(int maxPerTask) {
        int processed = 0;
        for (ActiveTask active : tasks.values()) {
            int count = 0;
            ConsumerRecord<byte[], byte[]> record;
            while (count < maxPerTask && (record = active.queue().poll()) != null) {
                active.task().process(record);
                active.offsetsToCommit().put(new TopicPartition(record.topic(), record.partition()),
                    record.offset() + 1);
                count++;
            }
            if (count > 0) {
                active.task().punctuateStreamTime();
            }
            processed += count;
        }
        return processed;
    }

    void punctuateWallClock() {
        tasks.values().forEach(active -> active.task().punctuateWallClock());
    }

    /** Whether a processor of some task asked for a commit ({@code ProcessorContext.commit()}). */
    boolean commitRequested() {
        boolean requested = false;
        for (ActiveTask active : tasks.values()) {
            requested |= active.task().commitRequested();
        }
        return requested;
    }

    void commitAll() {
        commit(tasks.values());
    }

    private void commit(Collection<ActiveTask> toCommit) {
        if (toCommit.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ActiveTask active : toCommit) {
            active.task().commit(true);
            active.offsetsToCommit().forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
        }
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
            toCommit.forEach(active -> active.offsetsToCommit().clear());
        }
        // Last: a checkpoint may only describe state whose input offsets are committed and output acknowledged.
        toCommit.forEach(active -> stateKeeper.checkpoint(active.task(), active.checkpoint()));
    }

    /** Commits and closes every task (a clean shutdown). */
    void closeAll() {
        commitAll();
        new ArrayList<>(tasks.values()).forEach(this::close);
    }

    /** Closes every task without committing (the thread failed); close errors are logged, not thrown. */
    void closeAllDirty() {
        new ArrayList<>(tasks.values()).forEach(this::closeQuietly);
    }

    Set<TaskId> activeTaskIds() {
        return Set.copyOf(tasks.keySet());
    }

    private void close(ActiveTask active) {
        forget(active);
        active.task().close();
        LOG.info("{}: closed task {}", threadName, active.task().id());
    }

    private void closeQuietly(ActiveTask active) {
        forget(active);
        closeQuietly(active.task());
    }

    private void closeQuietly(StreamTask task) {
        try {
            task.close();
        } catch (RuntimeException e) {
            LOG.warn("{}: closing task {} failed", threadName, task.id(), e);
        }
    }

    private void forget(ActiveTask active) {
        tasks.remove(active.task().id());
        active.partitions().forEach(tasksByPartition::remove);
        publishStores();
    }

    /**
     * The stores of every active task, by task: an immutable snapshot, safe to read from any thread. A store in it
     * may close at any moment (its task moved); readers check {@link StateStore#isOpen()}.
     */
    Map<TaskId, Map<String, StateStore>> activeTaskStores() {
        return storesByTask;
    }

    private void publishStores() {
        Map<TaskId, Map<String, StateStore>> snapshot = new LinkedHashMap<>();
        tasks.forEach((id, active) -> snapshot.put(id, active.task().stores()));
        storesByTask = Collections.unmodifiableMap(snapshot);
    }
}
