package io.sluice.streams.runtime;

import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.TaskId;
import io.sluice.streams.processor.internals.StreamTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
 * The tasks of one stream thread, created and closed as its consumer's assignment changes: active tasks with the
 * input each has buffered and the offsets it has processed, and standby tasks.
 *
 * <p>The tasks are those the assignor names in its {@link AssignmentInfo}. An active task is created once every
 * one of its source partitions is assigned to this thread, and starts RESTORING ({@link ActiveTask}): the
 * {@link ChangelogReader} restores its stores from their changelogs, a little at every {@link #restore} call of the
 * thread's loop, all restoring tasks together, while the thread's running tasks process; when its stores are
 * caught up it is RUNNING. Partitions of tasks that do not run (not complete on this thread, or restoring) are
 * reported by {@link #idlePartitions} so the thread pauses them (they are neither processed nor committed). A
 * standby task has stores only (no processors) that the reader keeps up to date from the changelogs for as long as
 * it is assigned; when the task becomes active here the standby is promoted, its open stores kept, and only the
 * changelog tail it had not read yet is restored. A task whose directory another thread of this instance still uses
 * (it moved between threads in the rebalance, and the other thread has not closed it yet; RocksDB opens a directory
 * once) is not created at once but retried every loop iteration until the directory is released, as Kafka Streams
 * retries on its task directory lock.
 *
 * <p>A commit follows design note 0010: {@code task.commit(true)} for every running task (caches and stores
 * flushed, the collector flushed, so all output is acknowledged), then {@code commitSync} of the offsets after the
 * last processed record of each partition, then each task's checkpoint. Nothing is committed for input whose
 * output may not have been acknowledged: at-least-once. Tasks the reader feeds (restoring and standby) are
 * checkpointed too, after flushing their stores, so restore progress survives a crash.
 *
 * <p>Threading: confined to its stream thread, including the consumer's rebalance callbacks, which run inside
 * {@code poll}, except {@link #activeTaskStores()}, which user threads call for interactive queries: it reads an
 * immutable snapshot that the stream thread republishes whenever a task starts running or is closed. Invariants:
 * {@link #tasksByPartition} maps exactly the source partitions of {@link #tasks}; {@link #storesByTask} holds
 * exactly the stores of the running {@link #tasks} (a closed task's stores are unpublished before they close); a
 * task is registered with the reader exactly while it is restoring or standby; no task is both active and standby.
 */
final class TaskManager {
    private static final Logger LOG = LoggerFactory.getLogger(TaskManager.class);

    private final String threadName;
    private final TaskFactory factory;
    private final TaskStateKeeper stateKeeper;
    private final ChangelogReader reader;
    private final Consumer<byte[], byte[]> consumer;
    private final long maxTaskIdleMs;
    private final TaskIdleGate.LagSource lags;
    private final Map<TaskId, ActiveTask> tasks = new LinkedHashMap<>();
    private final Map<TopicPartition, ActiveTask> tasksByPartition = new HashMap<>();
    private final Map<TaskId, StreamTask> standbys = new LinkedHashMap<>();
    /** The active tasks of the last assignment, with their source partitions. */
    private Map<TaskId, Set<TopicPartition>> assignedTasks = Map.of();
    /** The standby tasks of the last assignment. */
    private Set<TaskId> assignedStandbys = Set.of();
    /** Assigned tasks whose directory another thread of this instance has not released yet. */
    private Set<TaskId> waitingForDirectory = Set.of();
    /** Copy-on-write snapshot of the running {@link #tasks}' stores for query threads; replaced, never mutated. */
    private volatile Map<TaskId, Map<String, StateStore>> storesByTask = Map.of();

    TaskManager(String threadName, TaskFactory factory, TaskStateKeeper stateKeeper, ChangelogReader reader,
                Consumer<byte[], byte[]> consumer, long maxTaskIdleMs) {
        this.threadName = threadName;
        this.maxTaskIdleMs = maxTaskIdleMs;
        this.lags = consumer::currentLag;
        this.factory = factory;
        this.stateKeeper = stateKeeper;
        this.reader = reader;
        this.consumer = consumer;
    }

    /**
     * Takes the tasks of a new assignment (from the assignor, before {@link #onAssigned}).
     *
     * @throws io.sluice.streams.errors.StreamsException (or a subclass) when the assignor found no valid assignment
     */
    void onAssignment(AssignmentInfo info) {
        info.throwIfFailed();
        assignedTasks = info.activeTasks();
        assignedStandbys = info.standbyTasks();
    }

    /**
     * Brings the tasks in line with the last assignment: closes the standbys no longer assigned, creates (or
     * promotes from a standby) the assigned active tasks that do not exist yet and whose partitions are all in
     * {@code assignment} (under the cooperative protocol a task whose partitions still move arrives in a later
     * rebalance), and creates the new standbys. New active tasks start restoring; nothing here waits for a broker.
     */
    void onAssigned(Set<TopicPartition> assignment) {
        for (TaskId id : List.copyOf(standbys.keySet())) {
            if (!assignedStandbys.contains(id) && !assignedTasks.containsKey(id)) {
                closeStandby(id);
            }
        }
        createAssigned(assignment);
    }

    /**
     * Creates the tasks that {@link #onAssigned} could not because another thread of this instance still had their
     * directory: called every loop iteration while {@link #hasWaiting()}.
     */
    void retryWaiting() {
        if (!waitingForDirectory.isEmpty()) {
            createAssigned(consumer.assignment());
        }
    }

    /** Whether an assigned task waits for another thread to release its directory. */
    boolean hasWaiting() {
        return !waitingForDirectory.isEmpty();
    }

    private void createAssigned(Set<TopicPartition> assignment) {
        Set<TaskId> stillWaiting = new LinkedHashSet<>();
        assignedTasks.forEach((id, partitions) -> {
            if (!tasks.containsKey(id) && assignment.containsAll(partitions) && !createActive(id, partitions)) {
                stillWaiting.add(id);
            }
        });
        for (TaskId id : assignedStandbys) {
            if (!standbys.containsKey(id) && !tasks.containsKey(id) && !createStandby(id)) {
                stillWaiting.add(id);
            }
        }
        for (TaskId id : stillWaiting) {
            if (!waitingForDirectory.contains(id)) {
                LOG.info("{}: the directory of task {} is still used by {} (the task moved between threads of this "
                    + "instance); retrying until it is released", threadName, id, factory.ownerOf(id));
            }
        }
        waitingForDirectory = stillWaiting;
        publishStores();
    }

    /** @return false when the task's directory is still another thread's: retry later */
    private boolean createActive(TaskId id, Set<TopicPartition> partitions) {
        StreamTask standby = standbys.remove(id);
        StreamTask task = standby != null ? standby : factory.tryCreate(id);
        if (task == null) {
            return false;
        }
        ActiveTask active = new ActiveTask(task, partitions, maxTaskIdleMs);
        try {
            // A standby's stores are open and complete up to where the reader got: only the tail is restored.
            Map<TopicPartition, Long> from = standby != null ? reader.unregister(id) : stateKeeper.checkpointed(id);
            if (reader.registerRestoring(task, from)) {
                active.running(Map.of());
            }
        } catch (RuntimeException e) {
            reader.unregister(id);
            closeQuietly(task);
            throw e;
        }
        tasks.put(id, active);
        partitions.forEach(partition -> tasksByPartition.put(partition, active));
        LOG.info("{}: {} task {} for {}, {}", threadName, standby != null ? "promoted standby" : "created", id,
            partitions, active.isRunning() ? "running" : "restoring");
        return true;
    }

    /** @return false when the task's directory is still another thread's: retry later */
    private boolean createStandby(TaskId id) {
        StreamTask task = factory.tryCreate(id);
        if (task == null) {
            return false;
        }
        try {
            reader.registerStandby(task, stateKeeper.checkpointed(id));
        } catch (RuntimeException e) {
            closeQuietly(task);
            throw e;
        }
        standbys.put(id, task);
        LOG.info("{}: created standby task {}", threadName, id);
        return true;
    }

    /**
     * Reads the changelogs of restoring and standby tasks once (up to {@code timeout} for records); restoring tasks
     * whose stores caught up start running.
     */
    void restore(Duration timeout) {
        Map<TaskId, Map<TopicPartition, Long>> restored = reader.read(timeout);
        restored.forEach((id, positions) -> {
            ActiveTask active = tasks.get(id);
            active.running(stateKeeper.checkpointable(active.task(), positions));
            LOG.info("{}: task {} is restored and running", threadName, id);
        });
        if (!restored.isEmpty()) {
            publishStores();
        }
    }

    /** Whether an active task is still restoring (the thread is not RUNNING until none is). */
    boolean hasRestoring() {
        return reader.hasRestoring();
    }

    /**
     * Commits, then closes, every running task that owns one of the {@code revoked} partitions; restoring ones are
     * closed with a checkpoint of how far they got.
     */
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
        commit(affected.stream().filter(ActiveTask::isRunning).toList());
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

    /** Partitions assigned to this thread that belong to no running task. */
    Set<TopicPartition> idlePartitions(Set<TopicPartition> assignment) {
        Set<TopicPartition> idle = new HashSet<>(assignment);
        tasksByPartition.forEach((partition, active) -> {
            if (active.isRunning()) {
                idle.remove(partition);
            }
        });
        return idle;
    }

    /** Buffers polled records by task; a restoring task keeps them until it runs. */
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

    /** Whether a running task has records it may process now ({@link TaskIdleGate}). */
    boolean hasProcessableRecords(long nowMs) {
        for (ActiveTask active : tasks.values()) {
            if (active.isRunning() && active.idleGate().readyToProcess(active.queue(), lags, nowMs)) {
                return true;
            }
        }
        return false;
    }

    /** Ms until a task waiting for an empty, caught-up partition stops waiting; {@code Long.MAX_VALUE} if none. */
    long msUntilIdleEnds(long nowMs) {
        long soonest = Long.MAX_VALUE;
        for (ActiveTask active : tasks.values()) {
            soonest = Math.min(soonest, active.idleGate().msUntilIdleEnds(nowMs));
        }
        return soonest;
    }

    /**
     * Processes up to {@code maxPerTask} buffered records of each running task, each task's in timestamp order and
     * only while its {@link TaskIdleGate} lets it (checked before every record: a partition may run empty), then
     * runs the stream-time punctuators that came due.
     *
     * @return the number of records processed
     */
    int process(int maxPerTask, long nowMs) {
        int processed = 0;
        for (ActiveTask active : running()) {
            int count = 0;
            TaskRecordQueue queue = active.queue();
            while (count < maxPerTask && active.idleGate().readyToProcess(queue, lags, nowMs)) {
                ConsumerRecord<byte[], byte[]> record = queue.poll();
                TopicPartition partition = queue.lastPolledPartition();
                active.task().process(record, partition);
                active.processed(partition, record.offset() + 1);
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
        running().forEach(active -> active.task().punctuateWallClock());
    }

    /** Whether a processor of some task asked for a commit ({@code ProcessorContext.commit()}). */
    boolean commitRequested() {
        boolean requested = false;
        for (ActiveTask active : running()) {
            requested |= active.task().commitRequested();
        }
        return requested;
    }

    /** Commits the running tasks and checkpoints the tasks the reader feeds (restoring and standby). */
    void commitAll() {
        commit(running());
        tasks.values().stream().filter(active -> !active.isRunning())
            .forEach(active -> checkpointFromReader(active.task()));
        standbys.values().forEach(this::checkpointFromReader);
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
            toCommit.forEach(ActiveTask::committed);
        }
        // Last: a checkpoint may only describe state whose input offsets are committed and output acknowledged.
        toCommit.forEach(active -> stateKeeper.checkpoint(active.task(), active.checkpoint()));
    }

    /** A task the reader feeds: its stores flushed, then checkpointed where the reader got. */
    private void checkpointFromReader(StreamTask task) {
        task.flushStores();
        stateKeeper.checkpoint(task, stateKeeper.checkpointable(task, reader.positions(task.id())));
    }

    /** Commits and closes every task (a clean shutdown). */
    void closeAll() {
        commit(running());
        new ArrayList<>(tasks.values()).forEach(this::close);
        List.copyOf(standbys.keySet()).forEach(this::closeStandby);
    }

    /** Closes every task without committing (the thread failed); close errors are logged, not thrown. */
    void closeAllDirty() {
        new ArrayList<>(tasks.values()).forEach(this::closeQuietly);
        for (TaskId id : List.copyOf(standbys.keySet())) {
            reader.unregister(id);
            closeQuietly(standbys.remove(id));
        }
    }

    /** The active tasks, restoring or running: what the assignor should keep here. */
    Set<TaskId> activeTaskIds() {
        return Set.copyOf(tasks.keySet());
    }

    Set<TaskId> standbyTaskIds() {
        return Set.copyOf(standbys.keySet());
    }

    private List<ActiveTask> running() {
        return tasks.values().stream().filter(ActiveTask::isRunning).toList();
    }

    /**
     * Closes an active task; a running one must be committed first, a restoring one is checkpointed where its
     * restore got (its stores flush as they close).
     */
    private void close(ActiveTask active) {
        forget(active);
        if (active.isRunning()) {
            try {
                active.task().close();
            } finally {
                factory.release(active.task().id());
            }
        } else {
            closeWithCheckpoint(active.task(), reader.unregister(active.task().id()));
        }
        LOG.info("{}: closed task {}", threadName, active.task().id());
    }

    private void closeStandby(TaskId id) {
        StreamTask task = standbys.remove(id);
        closeWithCheckpoint(task, reader.unregister(id));
        LOG.info("{}: closed standby task {}", threadName, id);
    }

    private void closeWithCheckpoint(StreamTask task, Map<TopicPartition, Long> storedUpTo) {
        try {
            task.close();
            stateKeeper.checkpoint(task, stateKeeper.checkpointable(task, storedUpTo));
        } finally {
            factory.release(task.id());
        }
    }

    private void closeQuietly(ActiveTask active) {
        forget(active);
        reader.unregister(active.task().id());
        closeQuietly(active.task());
    }

    private void closeQuietly(StreamTask task) {
        try {
            task.close();
        } catch (RuntimeException e) {
            LOG.warn("{}: closing task {} failed", threadName, task.id(), e);
        } finally {
            factory.release(task.id());
        }
    }

    private void forget(ActiveTask active) {
        tasks.remove(active.task().id());
        active.partitions().forEach(tasksByPartition::remove);
        publishStores();
    }

    /**
     * The stores of every running task, by task: an immutable snapshot, safe to read from any thread. A store in
     * it may close at any moment (its task moved); readers check {@link StateStore#isOpen()}.
     */
    Map<TaskId, Map<String, StateStore>> activeTaskStores() {
        return storesByTask;
    }

    private void publishStores() {
        Map<TaskId, Map<String, StateStore>> snapshot = new LinkedHashMap<>();
        tasks.forEach((id, active) -> {
            if (active.isRunning()) {
                snapshot.put(id, active.task().stores());
            }
        });
        storesByTask = Collections.unmodifiableMap(snapshot);
    }
}
