package io.sluice.streams;

import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.TaskId;
import io.sluice.streams.processor.internals.InternalTopologyBuilder;
import io.sluice.streams.processor.internals.RecordCollector;
import io.sluice.streams.processor.internals.StreamTask;
import io.sluice.streams.processor.internals.TaskMetrics;
import io.sluice.streams.processor.internals.TaskSettings;
import io.sluice.streams.state.KeyValueStore;
import io.sluice.streams.state.SessionStore;
import io.sluice.streams.state.TimestampedKeyValueStore;
import io.sluice.streams.state.TimestampedWindowStore;
import io.sluice.streams.state.ValueAndTimestamp;
import io.sluice.streams.state.WindowStore;
import io.sluice.streams.state.internals.KeyValueStoreFacade;
import io.sluice.streams.state.internals.WindowStoreFacade;
import io.sluice.streams.test.TestRecord;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Runs a {@link Topology} synchronously, in memory, without a broker: for unit tests of topologies. Every topic
 * has one partition and the whole topology runs as one task; each piped record is processed completely (records
 * written to topics the topology itself reads, such as repartition topics, are fed back in at once), then stream-
 * time punctuators run and the caches emit what they hold, so results appear on the output topics after every
 * record, as with Kafka's driver.
 * Wall-clock time is simulated: it moves only with {@link #advanceWallClockTime}, which runs wall-clock
 * punctuators.
 *
 * <p>Unlike Kafka's driver, it does not commit after every record: no store is forced to disk and no checkpoint
 * is written (nothing survives the driver, so there is nothing to make durable), and what the caches emitted is
 * written to the stores below (and so to the changelog topics) only when an output topic is read, when the cache
 * evicts, or at close. The results topologies produce are the same; a changelog read in a test holds each key's
 * latest value at that point rather than every intermediate update, as after a compaction.
 *
 * <p>State lives in a fresh temporary directory, deleted by {@link #close()} (or under {@code state.dir} when
 * the properties set it). Threading: use from one thread.
 */
public class TopologyTestDriver implements Closeable {
    static final String DEFAULT_APPLICATION_ID = "topology-test-driver";

    private final Instant startWallClock;
    private long wallClockMs;
    private final Metrics metrics = new Metrics();
    private final Path stateDir;
    private final boolean deleteStateDir;
    private final StreamTask task;
    /** Whether caches emitted entries not yet written below since outputs were last looked at. */
    private boolean cachesUnwritten;
    private boolean closed;
    private final StreamTask globalTask;
    private final Map<String, Queue<ProducerRecord<byte[], byte[]>>> outputs = new LinkedHashMap<>();
    private final Queue<ConsumerRecord<byte[], byte[]>> pending = new ArrayDeque<>();
    private final Map<String, Long> nextOffsets = new HashMap<>();
    private final Set<String> globalTopics = new LinkedHashSet<>();

    public TopologyTestDriver(Topology topology) {
        this(topology, new Properties());
    }

    public TopologyTestDriver(Topology topology, Properties config) {
        this(topology, config, null);
    }

    public TopologyTestDriver(Topology topology, Instant initialWallClockTime) {
        this(topology, new Properties(), initialWallClockTime);
    }

    /**
     * @param config Streams properties; {@code application.id} and {@code bootstrap.servers} are optional
     * @param initialWallClockTime the simulated wall clock's start, or {@code null} for now
     */
    public TopologyTestDriver(Topology topology, Properties config, Instant initialWallClockTime) {
        this.startWallClock = initialWallClockTime == null ? Instant.now() : initialWallClockTime;
        this.wallClockMs = startWallClock.toEpochMilli();
        Properties effective = new Properties();
        effective.putAll(config);
        // The driver decides time: a join's unmatched results are due when stream time says so, not a wall clock.
        effective.putIfAbsent(StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_OUTER_JOIN_SPURIOUS_RESULTS_FIX,
            0L);
        StreamsConfig streamsConfig = new StreamsConfig(effective);
        String applicationId = streamsConfig.applicationId().isEmpty()
            ? DEFAULT_APPLICATION_ID : streamsConfig.applicationId();
        boolean explicitStateDir = config.containsKey(StreamsConfig.STATE_DIR_CONFIG);
        try {
            this.stateDir = explicitStateDir
                ? Files.createDirectories(streamsConfig.stateDir().resolve(applicationId))
                : Files.createTempDirectory("sluice-test-driver-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the test driver's state directory", e);
        }
        this.deleteStateDir = !explicitStateDir;
        TaskSettings settings = TaskSettings.from(streamsConfig, applicationId);
        InternalTopologyBuilder builder = topology.internalTopologyBuilder();
        DriverCollector collector = new DriverCollector();

        Set<String> globalNodes = builder.globalNodeNames();
        if (globalNodes.isEmpty()) {
            globalTask = null;
        } else {
            TaskId globalId = new TaskId(0, 0);
            var globalTopology = builder.build(applicationId, globalNodes);
            globalTopics.addAll(globalTopology.sourceTopics());
            globalTask = new StreamTask(globalId, globalTopology, settings, taskDir("global"), collector,
                this::wallClockMs, new TaskMetrics(metrics, "test-driver-global", globalId), Map.of());
            globalTask.initialize();
        }
        TaskId taskId = new TaskId(0, 0);
        task = new StreamTask(taskId, builder.build(applicationId, builder.taskNodeNames()), settings,
            taskDir(taskId.toString()), collector, this::wallClockMs, new TaskMetrics(metrics, "test-driver", taskId),
            globalTask == null ? Map.of() : globalTask.stores());
        task.initialize();
    }

    private java.io.File taskDir(String name) {
        try {
            return Files.createDirectories(stateDir.resolve(name)).toFile();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the task directory " + name, e);
        }
    }

    private long wallClockMs() {
        return wallClockMs;
    }

    // ---- topics

    public final <K, V> TestInputTopic<K, V> createInputTopic(String topic, Serializer<K> keySerializer,
                                                              Serializer<V> valueSerializer) {
        return new TestInputTopic<>(this, topic, keySerializer, valueSerializer, Instant.now(), Duration.ZERO);
    }

    public final <K, V> TestInputTopic<K, V> createInputTopic(String topic, Serializer<K> keySerializer,
                                                              Serializer<V> valueSerializer, Instant startTimestamp,
                                                              Duration autoAdvance) {
        return new TestInputTopic<>(this, topic, keySerializer, valueSerializer, startTimestamp, autoAdvance);
    }

    public final <K, V> TestOutputTopic<K, V> createOutputTopic(String topic, Deserializer<K> keyDeserializer,
                                                                Deserializer<V> valueDeserializer) {
        return new TestOutputTopic<>(this, topic, keyDeserializer, valueDeserializer);
    }

    /** Every topic the topology has written to so far, including changelog and repartition topics. */
    public final Set<String> producedTopicNames() {
        writeCaches();
        return Set.copyOf(outputs.keySet());
    }

    <K, V> void pipeRecord(String topic, TestRecord<K, V> record, Serializer<K> keySerializer,
                           Serializer<V> valueSerializer, Instant time) {
        boolean global = globalTopics.contains(topic);
        if (!global && !task.reads(topic)) {
            throw new IllegalArgumentException("Unknown topic: " + topic + " (the topology reads "
                + "no such topic)");
        }
        Headers headers = record.headers();
        byte[] key = keySerializer.serialize(topic, headers, record.key());
        byte[] value = valueSerializer.serialize(topic, headers, record.value());
        enqueue(topic, key, value, headers, time.toEpochMilli());
        drain();
    }

    private void enqueue(String topic, byte[] key, byte[] value, Headers headers, long timestamp) {
        long offset = nextOffsets.merge(topic, 1L, Long::sum) - 1;
        pending.add(new ConsumerRecord<>(topic, 0, offset, timestamp, TimestampType.CREATE_TIME,
            key == null ? -1 : key.length, value == null ? -1 : value.length, key, value, headers, Optional.empty()));
    }

    /** Processes pending input, and everything it feeds back, to completion. */
    private void drain() {
        ConsumerRecord<byte[], byte[]> next;
        while ((next = pending.poll()) != null) {
            if (globalTopics.contains(next.topic())) {
                globalTask.process(next);
                globalTask.commit(false);
            } else {
                task.process(next);
                task.punctuateStreamTime();
                task.forwardCaches();
                cachesUnwritten = true;
            }
        }
    }

    /** Writes what the caches emitted to the stores below, so changelog topics are up to date when looked at. */
    private void writeCaches() {
        if (cachesUnwritten && !closed) {
            cachesUnwritten = false;
            task.commit(false);
        }
    }

    ProducerRecord<byte[], byte[]> readOutput(String topic) {
        writeCaches();
        Queue<ProducerRecord<byte[], byte[]>> queue = outputs.get(topic);
        return queue == null ? null : queue.poll();
    }

    long outputSize(String topic) {
        writeCaches();
        Queue<ProducerRecord<byte[], byte[]>> queue = outputs.get(topic);
        return queue == null ? 0 : queue.size();
    }

    // ---- time

    /** Moves the simulated wall clock forward and runs the wall-clock punctuators that are due. */
    public void advanceWallClockTime(Duration advance) {
        if (advance.isNegative()) {
            throw new IllegalArgumentException("the wall clock only moves forward; got " + advance);
        }
        wallClockMs += advance.toMillis();
        if (globalTask != null) {
            globalTask.punctuateWallClock();
        }
        task.punctuateWallClock();
        task.forwardCaches();
        cachesUnwritten = true;
        drain();
    }

    // ---- stores

    /** Any store of the topology (or a global store) by name, or {@code null}. */
    public StateStore getStateStore(String name) {
        writeCaches(); // a store handed out reflects every record piped so far, below its cache too
        StateStore store = task.store(name);
        if (store == null && globalTask != null) {
            store = globalTask.store(name);
        }
        return store;
    }

    public Map<String, StateStore> getAllStateStores() {
        writeCaches();
        Map<String, StateStore> all = new LinkedHashMap<>(task.stores());
        if (globalTask != null) {
            all.putAll(globalTask.stores());
        }
        return all;
    }

    /**
     * A key-value store by name, or {@code null}. A timestamped store (a DSL table's) comes as a plain-value view:
     * reads drop the timestamps, writes stamp the stream time (as Kafka's driver does).
     *
     * @throws IllegalArgumentException when the store exists but is not a key-value store
     */
    @SuppressWarnings("unchecked") // the caller names the store's types, as with Kafka's driver
    public <K, V> KeyValueStore<K, V> getKeyValueStore(String name) {
        StateStore store = typedStore(name, KeyValueStore.class);
        if (store instanceof TimestampedKeyValueStore<?, ?> timestamped) {
            return new KeyValueStoreFacade<>((TimestampedKeyValueStore<K, V>) timestamped, task::streamTimeMs);
        }
        return (KeyValueStore<K, V>) store;
    }

    /**
     * A timestamped key-value store (a DSL table's) by name, with each value's timestamp, or {@code null}.
     *
     * @throws IllegalArgumentException when the store exists but is not a timestamped key-value store
     */
    @SuppressWarnings("unchecked") // the caller names the store's types
    public <K, V> KeyValueStore<K, ValueAndTimestamp<V>> getTimestampedKeyValueStore(String name) {
        return (KeyValueStore<K, ValueAndTimestamp<V>>) typedStore(name, TimestampedKeyValueStore.class);
    }

    /** A timestamped window store (such as a DSL windowed aggregation's) is returned without its timestamps. */
    @SuppressWarnings("unchecked") // the caller names the store's types
    public <K, V> WindowStore<K, V> getWindowStore(String name) {
        StateStore store = typedStore(name, WindowStore.class);
        if (store instanceof TimestampedWindowStore<?, ?> timestamped) {
            return new WindowStoreFacade<>((TimestampedWindowStore<K, V>) timestamped);
        }
        return (WindowStore<K, V>) store;
    }

    @SuppressWarnings("unchecked") // the caller names the store's types
    public <K, V> TimestampedWindowStore<K, V> getTimestampedWindowStore(String name) {
        return (TimestampedWindowStore<K, V>) typedStore(name, TimestampedWindowStore.class);
    }

    @SuppressWarnings("unchecked") // the caller names the store's types
    public <K, V> SessionStore<K, V> getSessionStore(String name) {
        return (SessionStore<K, V>) typedStore(name, SessionStore.class);
    }

    private StateStore typedStore(String name, Class<?> type) {
        StateStore store = getStateStore(name);
        if (store != null && !type.isInstance(store)) {
            throw new IllegalArgumentException("Store " + name + " is a " + store.getClass().getSimpleName()
                + ", not a " + type.getSimpleName());
        }
        return store;
    }

    // ---- metrics and lifecycle

    public Map<MetricName, ? extends Metric> metrics() {
        return metrics.metrics();
    }

    /** Closes processors and stores and deletes the temporary state directory. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            task.close();
            if (globalTask != null) {
                globalTask.close();
            }
        } finally {
            metrics.close();
            if (deleteStateDir) {
                deleteRecursively(stateDir);
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the test driver's state directory " + dir, e);
        }
    }

    /** Keeps what the topology writes, per topic, and feeds topics the topology reads back in. */
    private final class DriverCollector implements RecordCollector {
        @Override
        public void send(String topic, Integer partition, byte[] key, byte[] value, Headers headers, long timestamp) {
            // ProducerRecord copies the headers, so later changes by the topology do not reach the kept record;
            // the record fed back in shares that copy (one copy per send, not two).
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, 0, timestamp, key, value, headers);
            outputs.computeIfAbsent(topic, t -> new ArrayDeque<>()).add(record);
            if (task != null && task.reads(topic) || globalTopics.contains(topic)) {
                enqueue(topic, key, value, record.headers(), timestamp);
            }
        }

        @Override
        public int partitionsFor(String topic) {
            return 1;
        }

        @Override
        public void flush() {
            // Sends are synchronous: nothing is ever in flight.
        }
    }

    @Override
    public String toString() {
        return "TopologyTestDriver[wallClock=" + Instant.ofEpochMilli(wallClockMs) + ", started at " + startWallClock
            + "]";
    }
}
