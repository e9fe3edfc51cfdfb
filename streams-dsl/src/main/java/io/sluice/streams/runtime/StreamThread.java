package io.sluice.streams.runtime;

import io.sluice.streams.StreamsConfig;
import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.TaskId;
import io.sluice.streams.processor.internals.InternalTopologyBuilder;
import io.sluice.streams.processor.internals.TaskSettings;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.InvalidOffsetException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One processing thread of an app: a consumer in the application's group subscribed to every source topic, a
 * producer, and the tasks its assignment gives it ({@link TaskManager}). The loop: poll, buffer the records by
 * task, process a bounded batch of each task in timestamp order, run stream-time and wall-clock punctuators, and
 * commit every {@code commit.interval.ms} (or when a processor asks). Partitions whose buffer is full, and
 * partitions of tasks that are not complete on this thread or still restore, are paused, so the consumer fetches only what can be
 * processed.
 *
 * <p>States: {@code STARTING → REBALANCING → RUNNING ⇄ REBALANCING → PENDING_SHUTDOWN → DEAD}. REBALANCING lasts
 * from the start, or a revocation, until the consumer's next assignment has its tasks created. At the start the
 * thread joins the group only once the instance's global stores are bootstrapped ({@link GlobalStores}). The thread reports
 * every change, and finally its exit with the error that killed it (or {@code null}), to its {@link Listener}.
 *
 * <p>New active tasks are restored from their changelogs in the loop, outside the rebalance callbacks: every
 * iteration reads the changelogs of all restoring (and standby) tasks once through the thread's assign-only restore
 * consumer ({@link ChangelogReader}), while the running tasks process; the main consumer's partitions of restoring
 * tasks stay paused. While a task restores, the main consumer polls without waiting and the restore consumer
 * waits instead (unless running tasks have buffered records), so the thread is busy restoring, not sleeping in
 * the wrong poll. The thread is RUNNING once its assignment is taken and no task restores. Commits write the
 * tasks' checkpoints ({@link TaskStateKeeper}).
 *
 * <p>Threading: everything but {@link #shutdown()} and {@link #state()} runs on this thread; the consumer's
 * rebalance callbacks and the assignor's subscription and assignment callbacks run inside its {@code poll}.
 * {@link #shutdown()} sets a flag, seen within one loop iteration (each poll waits at most {@link #POLL_TIMEOUT});
 * it wakes no consumer up, since a wakeup could fail the commit of the clean shutdown.
 *
 * <p>Work on the tasks (processing, punctuation, commits, creating, restoring and closing tasks) runs inside
 * {@link StoreAccess#processing}, so interactive queries never read a store while this thread uses it;
 * {@link #activeTaskStores()} may be called from any thread.
 */
public final class StreamThread extends Thread {
    private static final Logger LOG = LoggerFactory.getLogger(StreamThread.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    /** A partition with this many unprocessed records is paused (Kafka's buffered.records.per.partition). */
    private static final int MAX_BUFFERED_PER_PARTITION = 1000;
    /** Records a task processes before the thread polls again, so commits and punctuators are not starved. */
    private static final int MAX_RECORDS_PER_TASK_PER_LOOP = 500;

    /** A thread's lifecycle; see the class javadoc. */
    public enum State { STARTING, REBALANCING, RUNNING, PENDING_SHUTDOWN, DEAD }

    /** Told of a thread's state changes and exit, on the thread itself. */
    public interface Listener {
        void onStateChange(StreamThread thread, State state);

        /**
         * The assignment the thread's consumer got in a rebalance (inside {@code poll}, before its tasks change):
         * it carries where every task of the application runs now.
         */
        void onAssignment(StreamThread thread, AssignmentInfo assignment);

        /** The last call of the thread, after its tasks and clients are closed. */
        void onExit(StreamThread thread, Throwable error);
    }

    private final Set<String> sourceTopics;
    private final long commitIntervalMs;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> restoreConsumer;
    private final TaskManager taskManager;
    private final OffsetResetter offsetResetter;
    private final Listener listener;
    private final StoreAccess storeAccess;
    private final GlobalStores globalStores;
    private final Set<TopicPartition> paused = new HashSet<>();
    private volatile State state = State.STARTING;
    private volatile boolean shutdownRequested;
    /** Set when an assignment was taken while tasks restore: the thread turns RUNNING when they are done. */
    private boolean runningWhenRestored;

    /**
     * @param instance what the threads of the app instance share; its state directory is locked
     */
    public StreamThread(String name, StreamsConfig config, String bootstrapServers, TopologyMetadata metadata,
                        InternalTopologyBuilder builder, AppInstance instance, Metrics metrics, Listener listener,
                        StoreAccess storeAccess) {
        super(name);
        this.storeAccess = storeAccess;
        this.sourceTopics = metadata.sourceTopics();
        this.commitIntervalMs = config.commitIntervalMs();
        this.listener = listener;
        this.globalStores = instance.globalStores();
        StateDirectory stateDirectory = instance.stateDirectory();
        // The assignor asks for the subscription and reports the assignment inside poll, on this thread.
        this.consumer = new KafkaConsumer<>(ClientConfigs.consumer(config, bootstrapServers, name + "-consumer",
            metadata, () -> new SubscriptionInfo(instance.processId(), instance.userEndpoint(),
                taskManager().activeTaskIds(), stateDirectory.checkpointedOffsetSums()),
            this::onAssignment));
        this.producer = new KafkaProducer<>(ClientConfigs.producer(config, bootstrapServers, name + "-producer"));
        this.restoreConsumer = new KafkaConsumer<>(ClientConfigs.restoreConsumer(config, bootstrapServers,
            name + "-restore-consumer"));
        Set<String> changelogs = metadata.subtopologies().values().stream()
            .flatMap(subtopology -> subtopology.changelogTopicsByStore().values().stream())
            .collect(Collectors.toSet());
        TaskSettings settings = TaskSettings.from(config, metadata.applicationId());
        ProducerRecordCollector collector = new ProducerRecordCollector(producer, changelogs,
            settings.productionExceptionHandler());
        TaskFactory factory = new TaskFactory(builder, metadata.applicationId(), stateDirectory, settings, collector,
            metrics, name, instance.globalStores().stores());
        this.taskManager = new TaskManager(name, factory, new TaskStateKeeper(stateDirectory, collector),
            new ChangelogReader(restoreConsumer, instance.restoreListener(), System::nanoTime), consumer,
            config.maxTaskIdleMs());
        this.offsetResetter = new OffsetResetter(builder.offsetResets(metadata.applicationId()),
            OffsetResetter.fallback(config.originals().get("auto.offset.reset")));
    }

    public State state() {
        return state;
    }

    /** For the assignor's callbacks, which kafka-clients only makes inside {@code poll}, after construction. */
    private TaskManager taskManager() {
        return taskManager;
    }

    /** The assignor's result for this thread: its tasks first (a failed assignment throws), then the app's view. */
    private void onAssignment(AssignmentInfo assignment) {
        taskManager().onAssignment(assignment);
        listener.onAssignment(this, assignment);
    }

    /**
     * The stores of the tasks this thread runs now, by task, for interactive queries: an immutable snapshot, safe
     * to call from any thread.
     */
    public Map<TaskId, Map<String, StateStore>> activeTaskStores() {
        return taskManager.activeTaskStores();
    }

    /**
     * Asks the thread to commit, close its tasks and clients, and exit; returns at once. A restore in progress
     * stops at the next loop iteration (its task closed with a checkpoint of how far it got).
     */
    public void shutdown() {
        shutdownRequested = true;
    }

    @Override
    public void run() {
        Throwable error = null;
        try {
            setState(State.REBALANCING);
            // No task may process against global stores that have not caught up with their topics yet.
            while (!shutdownRequested && !globalStores.awaitBootstrapped(POLL_TIMEOUT)) {
                LOG.debug("{}: waiting for the global stores to bootstrap", getName());
            }
            consumer.subscribe(List.copyOf(sourceTopics), new RebalanceListener());
            runLoop();
        } catch (Throwable e) { // anything: the app's uncaught-exception handler decides
            error = e;
            LOG.error("{} failed: {}", getName(), e.toString(), e);
        }
        setState(State.PENDING_SHUTDOWN);
        error = closeTasksAndClients(error);
        setState(State.DEAD);
        listener.onExit(this, error);
    }

    private void runLoop() {
        long lastCommitMs = System.currentTimeMillis();
        while (!shutdownRequested) {
            // A task waiting for an empty partition (max.task.idle.ms) is not busy: the poll may wait, up to the
            // end of its idle time.
            boolean busy = taskManager.hasProcessableRecords(System.currentTimeMillis());
            ConsumerRecords<byte[], byte[]> records = poll(busy || taskManager.hasRestoring() ? Duration.ZERO
                : Duration.ofMillis(Math.min(POLL_TIMEOUT.toMillis(),
                    taskManager.msUntilIdleEnds(System.currentTimeMillis()))));
            storeAccess.processing(() -> {
                taskManager.retryWaiting();
                taskManager.addRecords(records);
                // Only a restore is worth waiting for here: standbys are read without waiting.
                taskManager.restore(taskManager.hasRestoring() && !busy ? POLL_TIMEOUT : Duration.ZERO);
                taskManager.process(MAX_RECORDS_PER_TASK_PER_LOOP, System.currentTimeMillis());
                updatePaused();
                taskManager.punctuateWallClock();
            });
            if (runningWhenRestored && !taskManager.hasRestoring() && !taskManager.hasWaiting()) {
                runningWhenRestored = false;
                setState(State.RUNNING);
            }
            long now = System.currentTimeMillis();
            if (now - lastCommitMs >= commitIntervalMs || taskManager.commitRequested()) {
                storeAccess.processing(taskManager::commitAll);
                lastCommitMs = now;
            }
        }
    }

    private ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        try {
            return consumer.poll(timeout);
        } catch (InvalidOffsetException e) {
            // No committed offset yet, or one out of range: position by the sources' reset policies, poll again.
            offsetResetter.reset(consumer, e.partitions(), System.currentTimeMillis());
            return ConsumerRecords.empty();
        }
    }

    /** Pauses partitions of incomplete tasks and partitions with a full buffer; resumes the others. */
    private void updatePaused() {
        Set<TopicPartition> assignment = consumer.assignment();
        Set<TopicPartition> shouldPause = taskManager.idlePartitions(assignment);
        for (TopicPartition partition : assignment) {
            if (taskManager.buffered(partition) >= MAX_BUFFERED_PER_PARTITION) {
                shouldPause.add(partition);
            }
        }
        paused.retainAll(assignment);
        Set<TopicPartition> toResume = new HashSet<>(paused);
        toResume.removeAll(shouldPause);
        Set<TopicPartition> toPause = new HashSet<>(shouldPause);
        toPause.removeAll(paused);
        if (!toResume.isEmpty()) {
            consumer.resume(toResume);
        }
        if (!toPause.isEmpty()) {
            consumer.pause(toPause);
        }
        paused.removeAll(toResume);
        paused.addAll(toPause);
    }

    /** @return the error to report: the one that killed the thread, else one from a clean close */
    private Throwable closeTasksAndClients(Throwable error) {
        if (error == null) {
            try {
                storeAccess.processing(taskManager::closeAll);
            } catch (RuntimeException e) {
                LOG.error("{}: committing and closing its tasks failed", getName(), e);
                error = e;
            }
        }
        if (error != null) {
            storeAccess.processing(taskManager::closeAllDirty);
        }
        closeQuietly(consumer, "consumer");
        closeQuietly(producer, "producer");
        closeQuietly(restoreConsumer, "restore consumer");
        return error;
    }

    private void closeQuietly(AutoCloseable client, String what) {
        try {
            client.close();
        } catch (Exception e) {
            LOG.warn("{}: closing its {} failed", getName(), what, e);
        }
    }

    private void setState(State newState) {
        state = newState;
        listener.onStateChange(this, newState);
    }

    /** Runs inside {@code poll} on this thread. */
    private final class RebalanceListener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                setState(State.REBALANCING);
                storeAccess.processing(() -> taskManager.onRevoked(partitions));
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            storeAccess.processing(() -> taskManager.onAssigned(consumer.assignment()));
            LOG.info("{}: assigned {}, active tasks {}, standby tasks {}", getName(), partitions,
                taskManager.activeTaskIds(), taskManager.standbyTaskIds());
            updatePaused();
            if (shutdownRequested) {
                return;
            }
            runningWhenRestored = taskManager.hasRestoring() || taskManager.hasWaiting();
            if (!runningWhenRestored) {
                setState(State.RUNNING);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            storeAccess.processing(() -> taskManager.onLost(partitions));
        }
    }
}
