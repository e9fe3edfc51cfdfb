package io.sluice.streams.processor.internals;

import io.sluice.streams.errors.StreamsException;
import io.sluice.streams.processor.Cancellable;
import io.sluice.streams.processor.PunctuationType;
import io.sluice.streams.processor.Punctuator;
import io.sluice.streams.processor.StateRestoreCallback;
import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.TaskId;
import io.sluice.streams.processor.TimestampExtractor;
import io.sluice.streams.processor.api.Record;
import io.sluice.streams.state.internals.CachedStateStore;
import java.io.File;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one task: takes raw input records one at a time, gives each its event time, and pushes it depth-first
 * through the task's {@link ProcessorTopology}; keeps stream time (the largest event time processed) and runs
 * punctuators when stream time or the wall clock reaches them; commits by flushing caches (and, when durable, the
 * stores and the collector).
 *
 * <p>Lifecycle: {@link #initialize()} (stores, then processors, in topology order) → {@link #process} /
 * punctuate / {@link #commit} → {@link #close()}.
 *
 * <p>Threading: confined to one thread, like everything it owns.
 */
public final class StreamTask implements TaskClock, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamTask.class);

    private final TaskId id;
    private final ProcessorTopology topology;
    private final TaskSettings settings;
    private final LongSupplier wallClock;
    private final ProcessorContextImpl context;
    private final PunctuationQueue streamTimePunctuations = new PunctuationQueue();
    private final PunctuationQueue wallClockPunctuations = new PunctuationQueue();
    /** Highest timestamp seen per partition, in a mutable cell so that processing a record boxes nothing. */
    private final Map<TopicPartition, long[]> partitionTimes = new HashMap<>();
    private long streamTime = -1;
    private boolean processorsInitialized;

    public StreamTask(TaskId id, ProcessorTopology topology, TaskSettings settings, File stateDir,
                      RecordCollector collector, LongSupplier wallClock, TaskMetrics metrics,
                      Map<String, StateStore> globalStores) {
        this.id = id;
        this.topology = topology;
        this.settings = settings;
        this.wallClock = wallClock;
        this.context = new ProcessorContextImpl(id, settings, stateDir, collector, this, metrics, globalStores);
    }

    public TaskId id() {
        return id;
    }

    /** Both steps at once: what an active task needs before it processes. */
    public void initialize() {
        initializeStores();
        initializeProcessors();
    }

    /**
     * Opens and registers the stores; enough for a standby task, which only applies changelog records to them.
     * Their changelog partitions and restore callbacks are known afterwards.
     */
    public void initializeStores() {
        for (StateStore store : topology.stores()) {
            store.init(context, store);
            if (!context.stores().containsKey(store.name())) {
                // Only changelogging layers register (with their restore callback); a store without a changelog
                // has nothing to restore but still belongs to the task: lookups, commits and close find it here.
                context.register(store, (key, value) -> { });
            }
        }
    }

    /**
     * Initializes the processors (which may schedule punctuators and look up stores): after
     * {@link #initializeStores()}, once, when the task becomes active; a promoted standby keeps its open stores.
     */
    public void initializeProcessors() {
        if (processorsInitialized) {
            throw new IllegalStateException("the processors of task " + id + " are already initialized");
        }
        processorsInitialized = true;
        for (ProcessorNode<?, ?, ?, ?> node : topology.nodes()) {
            context.setCurrentNode(node);
            try {
                node.init(context);
            } finally {
                context.setCurrentNode(null);
            }
        }
    }

    /** Whether the task reads {@code topic}. */
    public boolean reads(String topic) {
        return topology.source(topic) != null;
    }

    /**
     * Processes one input record. A record without a valid event time is dropped, counted and logged; a record that
     * cannot be deserialized or on which a processor throws goes to the configured exception handler, which drops
     * it (counted) or fails.
     *
     * @throws StreamsException when a record fails and its handler says fail, naming the task, node and record
     */
    public void process(ConsumerRecord<byte[], byte[]> raw) {
        process(raw, new TopicPartition(raw.topic(), raw.partition()));
    }

    /** {@link #process(ConsumerRecord)} with the record's partition given, so the hot path allocates no key. */
    public void process(ConsumerRecord<byte[], byte[]> raw, TopicPartition partition) {
        SourceNode<?, ?> source = topology.source(raw.topic());
        if (source == null) {
            throw new StreamsException("task " + id + " does not read topic " + raw.topic());
        }
        ConsumerRecord<Object, Object> record;
        try {
            record = source.deserialize(raw);
        } catch (RuntimeException e) {
            context.failures().onDeserializationError(raw, source.name(), e);
            return;
        }
        TimestampExtractor extractor = source.timestampExtractor() != null
            ? source.timestampExtractor() : settings.defaultTimestampExtractor();
        long[] partitionTime = partitionTimes.computeIfAbsent(partition, p -> new long[] {-1L});
        long timestamp = extractor.extract(record, partitionTime[0]);
        if (timestamp < 0) {
            context.metrics().recordDropped();
            LOG.warn("Skipping the record at offset {} of {}: its timestamp extractor gave invalid timestamp {}",
                raw.offset(), partition, timestamp);
            return;
        }
        partitionTime[0] = Math.max(partitionTime[0], timestamp);
        streamTime = Math.max(streamTime, timestamp);
        context.setRecordContext(new ProcessorRecordContext(raw.topic(), raw.partition(), raw.offset(), timestamp,
            raw.headers()));
        context.setCurrentNode(source);
        context.failures().setCurrentInput(raw);
        try {
            source.process(new Record<>(record.key(), record.value(), timestamp, raw.headers()));
        } catch (StreamsException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StreamsException("Exception caught in process. taskId=" + id + ", processor="
                + context.currentNode() + ", topic=" + raw.topic() + ", partition=" + raw.partition() + ", offset="
                + raw.offset() + ": " + e, e);
        } finally {
            context.failures().setCurrentInput(null);
            context.setCurrentNode(null);
        }
    }

    /** Runs the stream-time punctuators that are due; returns whether any ran. */
    public boolean punctuateStreamTime() {
        return streamTime >= 0 && streamTimePunctuations.punctuateDue(streamTime, s -> punctuate(s, streamTime));
    }

    /** Runs the wall-clock punctuators that are due; returns whether any ran. */
    public boolean punctuateWallClock() {
        long now = wallClock.getAsLong();
        return wallClockPunctuations.punctuateDue(now, s -> punctuate(s, now));
    }

    private void punctuate(PunctuationSchedule schedule, long time) {
        context.setRecordContext(new ProcessorRecordContext(null, -1, -1, time, new RecordHeaders()));
        context.setCurrentNode(schedule.node);
        try {
            schedule.punctuator.punctuate(time);
        } catch (StreamsException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StreamsException("Exception caught while punctuating processor " + schedule.node
                + " of task " + id + ": " + e, e);
        } finally {
            context.setCurrentNode(null);
        }
    }

    /**
     * Flushes every cache, forwarding what it held; when {@code durable}, also flushes the stores to disk and waits
     * for the collector, so the input offsets may be committed.
     */
    public void commit(boolean durable) {
        for (StateStore store : context.stores().values()) {
            if (store instanceof CachedStateStore<?, ?> cached) {
                cached.flushCache();
            }
        }
        if (durable) {
            flushStores();
            context.collector().flush();
        }
    }

    /** Flushes the stores to disk, nothing else: how a standby task makes its state match its next checkpoint. */
    public void flushStores() {
        for (StateStore store : context.stores().values()) {
            store.flush();
        }
    }

    /**
     * Forwards what every cache holds without writing it below (the test driver's per-record emit); the next
     * {@link #commit} writes it.
     */
    public void forwardCaches() {
        for (StateStore store : context.stores().values()) {
            if (store instanceof CachedStateStore<?, ?> cached) {
                cached.forwardCache();
            }
        }
    }

    /** Whether a processor asked for a commit since the last call. */
    public boolean commitRequested() {
        return context.takeCommitRequest();
    }

    /** A store of this task by name, or {@code null}. */
    public StateStore store(String name) {
        return context.stores().get(name);
    }

    public Map<String, StateStore> stores() {
        return Map.copyOf(context.stores());
    }

    /**
     * The changelog partition of every logged store, with the store's name: what the runtime restores before the
     * task processes. Known once {@link #initialize()} has run.
     */
    public Map<TopicPartition, String> changelogPartitions() {
        return Collections.unmodifiableMap(context.changelogStores());
    }

    /** The restore callback the store {@code storeName} registered at {@link #initialize()}, or {@code null}. */
    public StateRestoreCallback restoreCallback(String storeName) {
        return context.restoreCallbacks().get(storeName);
    }

    @Override
    public long streamTimeMs() {
        return streamTime;
    }

    @Override
    public long wallClockMs() {
        return wallClock.getAsLong();
    }

    @Override
    public Cancellable schedule(ProcessorNode<?, ?, ?, ?> node, long intervalMs, PunctuationType type,
                                Punctuator callback) {
        PunctuationSchedule schedule;
        if (type == PunctuationType.STREAM_TIME) {
            // On the grid from 0: the first record's stream time is already past the first due time.
            schedule = new PunctuationSchedule(node, 0, intervalMs, callback);
            streamTimePunctuations.add(schedule);
        } else {
            schedule = new PunctuationSchedule(node, wallClock.getAsLong() + intervalMs, intervalMs, callback);
            wallClockPunctuations.add(schedule);
        }
        return schedule;
    }

    /**
     * Closes processors (if they were initialized: a standby's never are) then stores (which flush); the first
     * failure is thrown after everything is closed.
     */
    @Override
    public void close() {
        RuntimeException failure = null;
        List<ProcessorNode<?, ?, ?, ?>> initialized = processorsInitialized ? topology.nodes() : List.of();
        for (ProcessorNode<?, ?, ?, ?> node : initialized) {
            context.setCurrentNode(node);
            try {
                node.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            } finally {
                context.setCurrentNode(null);
            }
        }
        for (StateStore store : context.stores().values()) {
            try {
                store.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw new StreamsException("closing task " + id + " failed: " + failure.getMessage(), failure);
        }
    }
}
