package io.sluice.streams.runtime;

import io.sluice.streams.StreamsConfig;
import io.sluice.streams.errors.StreamsException;
import io.sluice.streams.processor.StateRestoreListener;
import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.TaskId;
import io.sluice.streams.processor.internals.InternalTopologyBuilder;
import io.sluice.streams.processor.internals.RecordCollector;
import io.sluice.streams.processor.internals.StreamTask;
import io.sluice.streams.processor.internals.TaskMetrics;
import io.sluice.streams.processor.internals.TaskSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The global state updater of one app instance: keeps every global store (a {@code GlobalKTable}'s or one added with
 * {@code addGlobalStore}) a copy of its whole source topic, all partitions, by running each record through the
 * store's processor — the global nodes of the topology, as one {@link StreamTask} whose stores live in
 * {@code state.dir/<application.id>/global}.
 *
 * <p>Bootstrap, then follow: the thread first reads every partition from the checkpoint (or the beginning) up to
 * the end offsets it finds when it starts, reporting it to the app's restore listener as a restore; then it
 * releases {@link #awaitBootstrapped} — stream threads wait for that before they join the group, so no stream
 * task processes a record against a global store that is behind its topic's state at start — and follows the
 * topics for as long as the app runs. Every {@code commit.interval.ms}, and when it stops, it flushes the stores
 * and writes the checkpoint {@code global/.checkpoint}: per partition of a persistent store's topic, the offset
 * the store is complete up to. In-memory stores are not checkpointed: they are rebuilt from the beginning. A
 * checkpoint outside a partition's offsets fails the thread (delete the {@code global} directory to rebuild).
 *
 * <p>Global store processors cannot write to topics (the task's collector refuses) and have no changelog: the
 * source topic is the changelog. Records go through the deserialization and processing exception handlers as in a
 * stream task.
 *
 * <p>Threading: the constructor (the app's starting thread) opens the stores, so {@link #stores()} is known before
 * any stream thread starts; from then on the stores are written by this thread only, each polled batch inside
 * {@link StoreAccess#exclusive}, while stream threads read them inside {@link StoreAccess#processing} (the store
 * layers are single-threaded; several stream threads' reads of one store are serialized by {@link #stores()}'s
 * views). {@link #shutdown()}, {@link #awaitBootstrapped} and {@link #stores()} may be
 * called from any thread; the shutdown flag is seen within one poll.
 */
public final class GlobalStreamThread extends Thread implements GlobalStores {
    private static final Logger LOG = LoggerFactory.getLogger(GlobalStreamThread.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    /** The directory under {@code state.dir/<application.id>} holding the global stores and their checkpoint. */
    public static final String DIRECTORY = "global";

    /** Told once, on this thread, when it exits: {@code error} is what killed it, or {@code null}. */
    @FunctionalInterface
    public interface Listener {
        void onExit(GlobalStreamThread thread, Throwable error);
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final StreamTask task;
    private final Map<String, StateStore> stores;
    private final Map<String, String> storeByTopic = new LinkedHashMap<>();
    private final Map<String, Boolean> persistentByTopic = new HashMap<>();
    private final OffsetCheckpoint checkpoint;
    private final StateRestoreListener restoreListener;
    private final StoreAccess storeAccess;
    private final long commitIntervalMs;
    private final Listener listener;
    private final CountDownLatch bootstrapped = new CountDownLatch(1);
    private volatile boolean shutdownRequested;

    /**
     * Opens the global stores; the thread reads nothing until started.
     *
     * @param appDir the locked {@code state.dir/<application.id>}
     */
    public GlobalStreamThread(String name, StreamsConfig config, String bootstrapServers,
                              InternalTopologyBuilder builder, String applicationId, Path appDir,
                              StateRestoreListener restoreListener, StoreAccess storeAccess, Metrics metrics,
                              Listener listener) {
        super(name);
        this.restoreListener = restoreListener;
        this.storeAccess = storeAccess;
        this.commitIntervalMs = config.commitIntervalMs();
        this.listener = listener;
        Path dir = appDir.resolve(DIRECTORY);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the global state directory " + dir, e);
        }
        this.checkpoint = OffsetCheckpoint.in(dir);
        // Named after the lowest global sub-topology, as descriptions number it; global stores have no partitions.
        TaskId id = new TaskId(Collections.min(builder.globalStoreSubtopologies().values()), 0);
        this.task = new StreamTask(id, builder.build(applicationId, builder.globalNodeNames()),
            TaskSettings.from(config, applicationId), dir.toFile(), new NoOutput(), System::currentTimeMillis,
            new TaskMetrics(metrics, name, id), Map.of());
        task.initializeStores();
        try {
            task.initializeProcessors();
            Map<String, StateStore> views = new LinkedHashMap<>();
            task.stores().forEach((storeName, store) -> views.put(storeName, StoreAccess.serialized(store)));
            this.stores = Collections.unmodifiableMap(views);
            builder.globalStoreTopics().forEach((store, topic) -> {
                storeByTopic.put(topic, store);
                persistentByTopic.put(topic, task.store(store).persistent());
            });
            this.consumer = new KafkaConsumer<>(ClientConfigs.globalConsumer(config, bootstrapServers,
                name + "-consumer"));
        } catch (RuntimeException e) {
            task.close();
            throw e;
        }
    }

    /**
     * The global stores by name as stream threads and queries see them (each call serialized, since several stream
     * threads read them at once: {@link StoreAccess#serialized}), open from construction to the thread's exit;
     * immutable.
     */
    @Override
    public Map<String, StateStore> stores() {
        return stores;
    }

    /** The task id global store failures are reported under. */
    public TaskId taskId() {
        return task.id();
    }

    @Override
    public boolean awaitBootstrapped(Duration timeout) throws InterruptedException {
        return bootstrapped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks the thread to checkpoint, close the stores and exit; returns at once. */
    public void shutdown() {
        shutdownRequested = true;
    }

    /** Closes the stores and the consumer of a thread that was never started (its app failed to start). */
    public void closeUnstarted() {
        if (getState() != Thread.State.NEW) {
            throw new IllegalStateException(getName() + " was started: shut it down instead");
        }
        close(null); // nothing to checkpoint: it never bootstrapped
    }

    @Override
    public void run() {
        Throwable error = null;
        try {
            bootstrap();
            bootstrapped.countDown();
            follow();
        } catch (Throwable e) { // anything: the app decides
            error = e;
            LOG.error("{} failed: {}", getName(), e.toString(), e);
        }
        error = close(error);
        listener.onExit(this, error);
    }

    /** Reads every partition from its checkpoint up to the end offsets of now. */
    private void bootstrap() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : storeByTopic.keySet()) {
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> checkpointed = checkpoint.read();
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> remaining = new HashMap<>();
        for (TopicPartition partition : partitions) {
            long from = persistentByTopic.get(partition.topic())
                ? checkpointed.getOrDefault(partition, beginning.get(partition)) : beginning.get(partition);
            if (from < beginning.get(partition) || from > end.get(partition)) {
                throw new StreamsException("The global checkpoint " + checkpoint.file() + " says " + partition
                    + " is read up to offset " + from + ", outside its offsets [" + beginning.get(partition) + ", "
                    + end.get(partition) + "]; delete " + checkpoint.file().getParent() + " to rebuild the global "
                    + "stores from their topics");
            }
            consumer.seek(partition, from);
            if (from < end.get(partition)) {
                remaining.put(partition, end.get(partition));
                restoreListener.onRestoreStart(partition, storeByTopic.get(partition.topic()), from,
                    end.get(partition));
            }
        }
        LOG.info("{}: bootstrapping global stores {} from {} partitions with records to read", getName(),
            stores.keySet(), remaining.size());
        Map<TopicPartition, Long> restored = new HashMap<>();
        while (!remaining.isEmpty() && !shutdownRequested) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
            apply(records);
            for (TopicPartition partition : records.partitions()) {
                int count = records.records(partition).size();
                restored.merge(partition, (long) count, Long::sum);
                if (remaining.containsKey(partition)) {
                    restoreListener.onBatchRestored(partition, storeByTopic.get(partition.topic()),
                        records.records(partition).get(count - 1).offset(), count);
                }
            }
            for (TopicPartition partition : List.copyOf(remaining.keySet())) {
                if (consumer.position(partition) >= remaining.get(partition)) {
                    remaining.remove(partition);
                    restoreListener.onRestoreEnd(partition, storeByTopic.get(partition.topic()),
                        restored.getOrDefault(partition, 0L));
                }
            }
        }
        if (!shutdownRequested) {
            flushAndCheckpoint();
            LOG.info("{}: global stores {} bootstrapped", getName(), stores.keySet());
        }
    }

    /** Applies what arrives on the topics until shut down; checkpoints every {@code commit.interval.ms}. */
    private void follow() {
        long lastCheckpointMs = System.currentTimeMillis();
        while (!shutdownRequested) {
            apply(consumer.poll(POLL_TIMEOUT));
            long now = System.currentTimeMillis();
            if (now - lastCheckpointMs >= commitIntervalMs) {
                flushAndCheckpoint();
                lastCheckpointMs = now;
            }
        }
    }

    private void apply(ConsumerRecords<byte[], byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        storeAccess.exclusive(() -> {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                task.process(record);
            }
        });
    }

    /** Flushes caches and stores, then checkpoints where the consumer is: every record before it is applied. */
    private void flushAndCheckpoint() {
        storeAccess.exclusive(() -> task.commit(true));
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            if (persistentByTopic.get(partition.topic())) {
                positions.put(partition, consumer.position(partition));
            }
        }
        checkpoint.write(positions);
    }

    /** @return the error to report: the one that killed the thread, else one from closing */
    private Throwable close(Throwable error) {
        try {
            if (error == null && bootstrapped.getCount() == 0) {
                flushAndCheckpoint();
            }
        } catch (RuntimeException e) {
            LOG.error("{}: checkpointing the global stores failed", getName(), e);
            error = e;
        }
        try {
            storeAccess.exclusive(task::close);
        } catch (RuntimeException e) {
            LOG.warn("{}: closing the global stores failed", getName(), e);
            error = error == null ? e : error;
        }
        try {
            consumer.close();
        } catch (RuntimeException e) {
            LOG.warn("{}: closing its consumer failed", getName(), e);
        }
        return error;
    }

    /** Global store processors have no output topics and their stores no changelogs. */
    private static final class NoOutput implements RecordCollector {
        @Override
        public void send(String topic, Integer partition, byte[] key, byte[] value, Headers headers, long timestamp) {
            throw new StreamsException("A global store's processor cannot write to topic " + topic + ": global "
                + "stores have no changelog and their processors no sinks");
        }

        @Override
        public int partitionsFor(String topic) {
            throw new StreamsException("A global store's processor cannot write to topic " + topic);
        }

        @Override
        public void flush() {
            // nothing is ever sent
        }
    }
}
