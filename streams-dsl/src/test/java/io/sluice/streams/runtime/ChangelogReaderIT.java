package io.sluice.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.log.embedded.EmbeddedBroker;
import io.sluice.log.embedded.EmbeddedBrokerExtension;
import io.sluice.streams.StreamsConfig;
import io.sluice.streams.Topology;
import io.sluice.streams.errors.StreamsException;
import io.sluice.streams.processor.StateRestoreListener;
import io.sluice.streams.processor.TaskId;
import io.sluice.streams.processor.api.Processor;
import io.sluice.streams.processor.api.Record;
import io.sluice.streams.processor.internals.InternalTopologyBuilder;
import io.sluice.streams.processor.internals.RecordCollector;
import io.sluice.streams.processor.internals.StreamTask;
import io.sluice.streams.processor.internals.TaskMetrics;
import io.sluice.streams.processor.internals.TaskSettings;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.KeyValueStore;
import io.sluice.streams.state.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restores real tasks' RocksDB stores from changelogs filled by a real producer on the embedded broker, through a
 * real assign-only consumer: from scratch, from a checkpoint, several tasks at once, a standby that follows its
 * changelog, and the ways a restore can stop.
 */
class ChangelogReaderIT {
    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = new EmbeddedBrokerExtension();

    private static final String STORE = "counts";
    private static final int PARTITIONS = 2;
    private static final TaskId TASK = new TaskId(0, 1); // partition 1, so a wrong partition would restore nothing
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @TempDir
    Path stateDir;

    private final Metrics metrics = new Metrics();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        metrics.close();
    }

    @Test
    void anEmptyStateDirectoryIsRestoredFromTheWholeChangelog(EmbeddedBroker broker) {
        String app = "restore-empty";
        TopicPartition changelog = createChangelog(broker, app);
        int records = 5_000;
        produce(broker, changelog, 0, records);
        produceTombstone(broker, changelog, "key-7");
        StreamTask task = task(app, lockedStateDirectory(app), TASK);
        RecordingListener listener = new RecordingListener();

        Map<TopicPartition, Long> restoredTo = restoreFully(reader(broker, listener), task, Map.of());

        assertThat(restoredTo).isEqualTo(Map.of(changelog, records + 1L));
        KeyValueStore<String, Long> store = store(task);
        assertThat(count(store)).isEqualTo(records - 1);
        assertThat(store.get("key-0")).isEqualTo(0L);
        assertThat(store.get("key-4999")).isEqualTo(4999L);
        assertThat(store.get("key-7")).as("the tombstone deleted it").isNull();
        assertThat(listener.starts).containsExactly(changelog + " " + STORE + " 0.." + (records + 1));
        assertThat(listener.batchTotal).isEqualTo(records + 1);
        assertThat(listener.batches).as("max.poll.records is 500: restored in batches").isGreaterThan(1);
        assertThat(listener.lastBatchEnd).isEqualTo(records);
        assertThat(listener.ends).containsExactly(changelog + " " + STORE + " " + (records + 1));
    }

    @Test
    void aCheckpointRestoresOnlyTheTailOnTopOfTheStoreOnDisk(EmbeddedBroker broker) {
        String app = "restore-tail";
        TopicPartition changelog = createChangelog(broker, app);
        produce(broker, changelog, 0, 1_000);
        StateDirectory directory = lockedStateDirectory(app);
        ChangelogReader reader = reader(broker, new RecordingListener());

        // First run: restore everything, checkpoint at close (what a commit does), then the process goes away.
        StreamTask first = task(app, directory, TASK);
        directory.checkpoint(TASK).write(restoreFully(reader, first, directory.checkpoint(TASK).read()));
        first.close();
        toClose.remove(first);

        // Meanwhile another instance wrote 300 more changes, 100 of them to keys already there.
        produce(broker, changelog, 900, 300);

        StreamTask second = task(app, directory, TASK);
        RecordingListener listener = new RecordingListener();
        Map<TopicPartition, Long> restoredTo = restoreFully(reader(broker, listener), second,
            directory.checkpoint(TASK).read());

        assertThat(restoredTo).isEqualTo(Map.of(changelog, 1_300L));
        assertThat(listener.starts).containsExactly(changelog + " " + STORE + " 1000..1300");
        assertThat(listener.batchTotal).as("only the tail is read").isEqualTo(300);
        assertThat(listener.ends).containsExactly(changelog + " " + STORE + " 300");
        KeyValueStore<String, Long> store = store(second);
        assertThat(count(store)).isEqualTo(1_200);
        assertThat(store.get("key-0")).as("from the store on disk").isEqualTo(0L);
        assertThat(store.get("key-1199")).as("from the tail").isEqualTo(1199L);
    }

    @Test
    void aCheckpointAtTheEndRestoresNothing(EmbeddedBroker broker) {
        String app = "restore-nothing";
        TopicPartition changelog = createChangelog(broker, app);
        produce(broker, changelog, 0, 10);
        StreamTask task = task(app, lockedStateDirectory(app), TASK);
        RecordingListener listener = new RecordingListener();

        Map<TopicPartition, Long> restoredTo = restoreFully(reader(broker, listener), task, Map.of(changelog, 10L));

        assertThat(restoredTo).isEqualTo(Map.of(changelog, 10L));
        assertThat(listener.starts).isEmpty();
        assertThat(count(store(task))).isZero();
    }

    @Test
    void tasksRegisteredTogetherAreRestoredTogetherFromOneAssignment(EmbeddedBroker broker) {
        String app = "restore-together";
        TopicPartition changelog1 = createChangelog(broker, app);
        TopicPartition changelog0 = new TopicPartition(changelog1.topic(), 0);
        produce(broker, changelog0, 0, 2_000);
        produce(broker, changelog1, 5_000, 3_000);
        StateDirectory directory = lockedStateDirectory(app);
        StreamTask task0 = task(app, directory, new TaskId(0, 0));
        StreamTask task1 = task(app, directory, TASK);
        KafkaConsumer<byte[], byte[]> consumer = restoreConsumer(broker);
        RecordingListener listener = new RecordingListener();
        ChangelogReader reader = new ChangelogReader(consumer, listener, System::nanoTime);
        reader.registerRestoring(task0, Map.of());
        reader.registerRestoring(task1, Map.of());

        reader.read(Duration.ZERO);
        assertThat(consumer.assignment()).as("one assignment holds both tasks' changelogs")
            .containsExactlyInAnyOrder(changelog0, changelog1);
        Map<TaskId, Map<TopicPartition, Long>> restored = readUntil(reader, 2);

        assertThat(restored).isEqualTo(Map.of(task0.id(), Map.of(changelog0, 2_000L),
            TASK, Map.of(changelog1, 3_000L)));
        assertThat(reader.hasRestoring()).isFalse();
        assertThat(store(task0).get("key-1999")).isEqualTo(1999L);
        assertThat(store(task1).get("key-7999")).isEqualTo(7999L);
        assertThat(listener.ends).containsExactlyInAnyOrder(changelog0 + " " + STORE + " 2000",
            changelog1 + " " + STORE + " 3000");
        reader.read(Duration.ZERO);
        assertThat(consumer.assignment()).as("restored partitions are unassigned").isEmpty();
    }

    @Test
    void aStandbyFollowsItsChangelogUntilUnregisteredAndReportsNothing(EmbeddedBroker broker) {
        String app = "restore-standby";
        TopicPartition changelog = createChangelog(broker, app);
        produce(broker, changelog, 0, 100);
        StreamTask task = task(app, lockedStateDirectory(app), TASK);
        RecordingListener listener = new RecordingListener();
        ChangelogReader reader = reader(broker, listener);
        reader.registerStandby(task, Map.of());

        awaitPosition(reader, changelog, 100L);
        produce(broker, changelog, 100, 50);
        awaitPosition(reader, changelog, 150L);

        assertThat(reader.hasRestoring()).as("a standby is not restoring").isFalse();
        assertThat(store(task).get("key-149")).isEqualTo(149L);
        assertThat(reader.unregister(TASK)).isEqualTo(Map.of(changelog, 150L));
        assertThat(listener.starts).isEmpty();
        assertThat(listener.suspended).isEmpty();
    }

    @Test
    void aCheckpointBeyondTheChangelogFailsNamingTaskPartitionAndStore(EmbeddedBroker broker) {
        String app = "restore-ahead";
        TopicPartition changelog = createChangelog(broker, app);
        produce(broker, changelog, 0, 10);
        StreamTask task = task(app, lockedStateDirectory(app), TASK);
        ChangelogReader reader = reader(broker, new RecordingListener());
        reader.registerRestoring(task, Map.of(changelog, 50L));

        assertThatThrownBy(() -> reader.read(Duration.ZERO))
            .isInstanceOf(StreamsException.class)
            .hasMessageContaining("task " + TASK).hasMessageContaining(changelog.toString())
            .hasMessageContaining("store " + STORE).hasMessageContaining("[0, 10]");
    }

    @Test
    void unregisteringARestoreInProgressSuspendsItAndKeepsItsProgress(EmbeddedBroker broker) {
        String app = "restore-suspend";
        TopicPartition changelog = createChangelog(broker, app);
        produce(broker, changelog, 0, 2_000);
        StreamTask task = task(app, lockedStateDirectory(app), TASK);
        KafkaConsumer<byte[], byte[]> consumer = restoreConsumer(broker);
        RecordingListener listener = new RecordingListener();
        ChangelogReader reader = new ChangelogReader(consumer, listener, System::nanoTime);
        reader.registerRestoring(task, Map.of());
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (listener.batchTotal == 0) { // 500 records per poll: the first batch leaves 1,500 to restore
            assertThat(System.nanoTime()).as("a first batch within " + TIMEOUT).isLessThan(deadline);
            assertThat(reader.read(Duration.ofMillis(100))).isEmpty();
        }

        Map<TopicPartition, Long> storedUpTo = reader.unregister(TASK);
        reader.read(Duration.ZERO);

        assertThat(storedUpTo).isEqualTo(Map.of(changelog, listener.lastBatchEnd + 1));
        assertThat(listener.suspended).containsExactly(changelog + " " + STORE + " " + listener.batchTotal);
        assertThat(listener.ends).isEmpty();
        assertThat(reader.hasRestoring()).isFalse();
        assertThat(consumer.assignment()).as("the consumer is left unassigned").isEmpty();
    }

    // ---- fixtures

    private ChangelogReader reader(EmbeddedBroker broker, StateRestoreListener listener) {
        return new ChangelogReader(restoreConsumer(broker), listener, System::nanoTime);
    }

    /** What the stream thread's loop does for one task: register it, then read until it is restored. */
    private static Map<TopicPartition, Long> restoreFully(ChangelogReader reader, StreamTask task,
                                                          Map<TopicPartition, Long> checkpoint) {
        if (reader.registerRestoring(task, checkpoint)) {
            return Map.of();
        }
        return readUntil(reader, 1).get(task.id());
    }

    private static Map<TaskId, Map<TopicPartition, Long>> readUntil(ChangelogReader reader, int tasks) {
        Map<TaskId, Map<TopicPartition, Long>> restored = new HashMap<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (restored.size() < tasks) {
            assertThat(System.nanoTime()).as(tasks + " tasks restored within " + TIMEOUT).isLessThan(deadline);
            restored.putAll(reader.read(Duration.ofMillis(100)));
        }
        return restored;
    }

    private static void awaitPosition(ChangelogReader reader, TopicPartition changelog, long position) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Long.valueOf(position).equals(reader.positions(TASK).get(changelog))) {
            assertThat(System.nanoTime()).as("standby at " + position + " within " + TIMEOUT).isLessThan(deadline);
            assertThat(reader.read(Duration.ofMillis(100))).isEmpty();
        }
    }

    // ---- fixtures

    private static TopicPartition createChangelog(EmbeddedBroker broker, String app) {
        String topic = app + "-" + STORE + "-changelog";
        broker.createTopic(topic, PARTITIONS, Map.of("cleanup.policy", "compact"));
        return new TopicPartition(topic, TASK.partition());
    }

    /** Writes {@code key-i → i} for {@code i} in {@code [from, from + count)}, as the store's changelog layer does. */
    private static void produce(EmbeddedBroker broker, TopicPartition changelog, int from, int count) {
        try (KafkaProducer<String, Long> producer = new KafkaProducer<>(producerConfig(broker),
                new StringSerializer(), new LongSerializer())) {
            for (int i = from; i < from + count; i++) {
                producer.send(new ProducerRecord<>(changelog.topic(), changelog.partition(), "key-" + i, (long) i));
            }
            producer.flush();
        }
    }

    private static void produceTombstone(EmbeddedBroker broker, TopicPartition changelog, String key) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(broker),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(changelog.topic(), changelog.partition(),
                key.getBytes(java.nio.charset.StandardCharsets.UTF_8), null));
            producer.flush();
        }
    }

    private static Map<String, Object> producerConfig(EmbeddedBroker broker) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG,
            "all", ProducerConfig.LINGER_MS_CONFIG, 5);
    }

    private KafkaConsumer<byte[], byte[]> restoreConsumer(EmbeddedBroker broker) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none",
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500), // several batches per restore
            new ByteArrayDeserializer(), new ByteArrayDeserializer());
        toClose.add(consumer);
        return consumer;
    }

    private StateDirectory lockedStateDirectory(String app) {
        StateDirectory directory = new StateDirectory(stateDir, app);
        directory.lock();
        toClose.add(directory);
        return directory;
    }

    /** A real task of a one-processor topology with a logged RocksDB store, its stores initialized in its task directory. */
    private StreamTask task(String app, StateDirectory directory, TaskId id) {
        Topology topology = new Topology();
        topology.addSource("source", app + "-input");
        topology.addProcessor("proc", () -> new Processor<Object, Object, Object, Object>() {
            @Override
            public void process(Record<Object, Object> record) {
            }
        }, "source");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
            Serdes.Long()), "proc");
        InternalTopologyBuilder builder = topology.internalTopologyBuilder();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
        StreamTask task = new StreamTask(id, builder.build(app, builder.taskNodeNames()),
            TaskSettings.from(new StreamsConfig(props), app), directory.taskDir(id).toFile(), new NoWrites(),
            System::currentTimeMillis, new TaskMetrics(metrics, "restore-it", id), Map.of());
        task.initializeStores();
        toClose.add(task);
        return task;
    }

    @SuppressWarnings("unchecked")
    private static KeyValueStore<String, Long> store(StreamTask task) {
        return (KeyValueStore<String, Long>) task.store(STORE);
    }

    /** Counts the entries exactly: RocksDB's approximate count also counts overwritten keys. */
    private static long count(KeyValueStore<String, Long> store) {
        long count = 0;
        try (KeyValueIterator<String, Long> all = store.all()) {
            while (all.hasNext()) {
                all.next();
                count++;
            }
        }
        return count;
    }

    /** The collector of these tasks: restoring must write the store below its changelog layer, never log again. */
    private static final class NoWrites implements RecordCollector {
        @Override
        public void send(String topic, Integer partition, byte[] key, byte[] value, Headers headers, long timestamp) {
            throw new AssertionError("restoring wrote to " + topic + "-" + partition);
        }

        @Override
        public int partitionsFor(String topic) {
            return PARTITIONS;
        }

        @Override
        public void flush() {
        }
    }

    private static class RecordingListener implements StateRestoreListener {
        final List<String> starts = new ArrayList<>();
        final List<String> ends = new ArrayList<>();
        final List<String> suspended = new ArrayList<>();
        long batchTotal;
        int batches;
        long lastBatchEnd = -1;
        final Map<TopicPartition, Long> lastBatchEnds = new HashMap<>();

        @Override
        public void onRestoreStart(TopicPartition partition, String storeName, long start, long end) {
            starts.add(partition + " " + storeName + " " + start + ".." + end);
        }

        @Override
        public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset,
                                    long numRestored) {
            assertThat(batchEndOffset).isGreaterThan(lastBatchEnds.getOrDefault(partition, -1L));
            lastBatchEnds.put(partition, batchEndOffset);
            lastBatchEnd = batchEndOffset;
            batchTotal += numRestored;
            batches++;
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
            ends.add(partition + " " + storeName + " " + totalRestored);
        }

        @Override
        public void onRestoreSuspended(TopicPartition partition, String storeName, long totalRestored) {
            suspended.add(partition + " " + storeName + " " + totalRestored);
        }
    }
}
