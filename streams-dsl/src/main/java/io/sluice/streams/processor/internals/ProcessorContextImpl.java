package io.sluice.streams.processor.internals;

import io.sluice.log.config.ConfigException;
import io.sluice.streams.errors.StreamsException;
import io.sluice.streams.processor.Cancellable;
import io.sluice.streams.processor.PunctuationType;
import io.sluice.streams.processor.Punctuator;
import io.sluice.streams.processor.StateRestoreCallback;
import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.TaskId;
import io.sluice.streams.processor.api.FixedKeyProcessorContext;
import io.sluice.streams.processor.api.FixedKeyRecord;
import io.sluice.streams.processor.api.InternalFixedKeyRecordFactory;
import io.sluice.streams.processor.api.ProcessorContext;
import io.sluice.streams.processor.api.Record;
import io.sluice.streams.processor.api.RecordMetadata;
import io.sluice.streams.state.internals.ChangelogSink;
import io.sluice.streams.state.internals.InternalStoreContext;
import java.io.File;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;

/**
 * The one context of a task, seen by every processor of it and by its stores. It tracks the node being run (so
 * {@link #forward} reaches that node's children and {@link #getStateStore} checks that node's access) and the
 * record being processed.
 *
 * <p>Threading: the task's thread only; nothing here is synchronized.
 */
public final class ProcessorContextImpl
    implements ProcessorContext<Object, Object>, FixedKeyProcessorContext<Object, Object>, InternalStoreContext {
    private final TaskId taskId;
    private final TaskSettings settings;
    private final File stateDir;
    private final RecordCollector collector;
    private final TaskClock clock;
    private final TaskMetrics metrics;
    private final RecordFailures failures;
    private final Map<String, StateStore> stores = new LinkedHashMap<>();
    private final Map<String, StateStore> globalStores;
    private final Map<String, StateRestoreCallback> restoreCallbacks = new HashMap<>();
    private final Map<TopicPartition, String> changelogStores = new LinkedHashMap<>();
    private ProcessorNode<?, ?, ?, ?> currentNode;
    private ProcessorRecordContext recordContext;
    private boolean commitRequested;

    ProcessorContextImpl(TaskId taskId, TaskSettings settings, File stateDir, RecordCollector collector,
                         TaskClock clock, TaskMetrics metrics, Map<String, StateStore> globalStores) {
        this.taskId = taskId;
        this.settings = settings;
        this.stateDir = stateDir;
        this.collector = collector;
        this.clock = clock;
        this.metrics = metrics;
        this.failures = new RecordFailures(taskId, settings, collector, metrics);
        this.globalStores = globalStores;
    }

    // ---- ProcessingContext

    @Override
    public String applicationId() {
        return settings.applicationId();
    }

    @Override
    public TaskId taskId() {
        return taskId;
    }

    @Override
    public Optional<RecordMetadata> recordMetadata() {
        return recordContext == null || recordContext.topic() == null ? Optional.empty() : Optional.of(recordContext);
    }

    @Override
    public Serde<?> keySerde() {
        return settings.defaultKeySerde();
    }

    @Override
    public Serde<?> valueSerde() {
        return settings.defaultValueSerde();
    }

    @Override
    public File stateDir() {
        return stateDir;
    }

    @Override
    @SuppressWarnings("unchecked") // the caller names the store's interface; a wrong one fails at its first use
    public <S extends StateStore> S getStateStore(String name) {
        StateStore global = globalStores.get(name);
        if (global != null) {
            return (S) global;
        }
        if (currentNode == null || !currentNode.stores().contains(name)) {
            throw new StreamsException("Processor " + (currentNode == null ? "(none)" : currentNode.name())
                + " has no access to state store " + name + ": connect it with Topology.addStateStore(builder, "
                + "processorName), Topology.connectProcessorAndStateStores, or the supplier's stores()");
        }
        StateStore store = stores.get(name);
        if (store == null) {
            throw new StreamsException("State store " + name + " is not initialized yet");
        }
        return (S) store;
    }

    @Override
    public Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback) {
        long intervalMs = interval.toMillis();
        if (intervalMs < 1) {
            throw new IllegalArgumentException("a punctuation interval must be at least 1 ms, got " + interval);
        }
        return clock.schedule(currentNode, intervalMs, type, callback);
    }

    @Override
    public void commit() {
        commitRequested = true;
    }

    @Override
    public Map<String, Object> appConfigs() {
        return settings.appConfigs();
    }

    @Override
    public Map<String, Object> appConfigsWithPrefix(String prefix) {
        Map<String, Object> out = new HashMap<>();
        settings.appConfigs().forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                out.put(key.substring(prefix.length()), value);
            }
        });
        return out;
    }

    @Override
    public long currentSystemTimeMs() {
        return clock.wallClockMs();
    }

    @Override
    public long currentStreamTimeMs() {
        return clock.streamTimeMs();
    }

    // ---- forwarding

    @Override
    public <K, V> void forward(Record<K, V> record) {
        ProcessorNode<?, ?, ?, ?> from = currentNode;
        ProcessorRecordContext previous = recordContext;
        try {
            recordContext = forwardedContext(record);
            List<ProcessorNode<?, ?, ?, ?>> children = from.children();
            for (int i = 0; i < children.size(); i++) {
                ProcessorNode<?, ?, ?, ?> child = children.get(i);
                currentNode = child;
                process(child, record);
            }
        } finally {
            currentNode = from;
            recordContext = previous;
        }
    }

    @Override
    public <K, V> void forward(Record<K, V> record, String childName) {
        ProcessorNode<?, ?, ?, ?> from = currentNode;
        ProcessorNode<?, ?, ?, ?> child = from.child(childName);
        if (child == null) {
            throw new StreamsException("Processor " + from.name() + " has no child named " + childName
                + "; its children are " + from.children());
        }
        ProcessorRecordContext previous = recordContext;
        try {
            recordContext = forwardedContext(record);
            currentNode = child;
            process(child, record);
        } finally {
            currentNode = from;
            recordContext = previous;
        }
    }

    /** Hands {@code record} to {@code node}; what the node throws goes to the processing exception handler. */
    private void process(ProcessorNode<?, ?, ?, ?> node, Record<?, ?> record) {
        try {
            node.process(record);
        } catch (TaskFailureException e) {
            throw e; // already handled where it was thrown
        } catch (RuntimeException e) {
            failures.onProcessingError(node, record, recordContext, e);
        }
    }

    /**
     * The record context children run in: the source's, with the forwarded record's timestamp and headers, as in
     * Kafka Streams. Stores below (a table's cache, a changelog) stamp what a child writes with this timestamp,
     * e.g. a join result's {@code max} of both sides rather than the input record's.
     */
    private ProcessorRecordContext forwardedContext(Record<?, ?> record) {
        if (recordContext == null || (recordContext.timestamp() == record.timestamp()
                && recordContext.headers() == record.headers())) {
            return recordContext; // the common case: nothing to restamp, nothing to allocate
        }
        return new ProcessorRecordContext(recordContext.topic(), recordContext.partition(), recordContext.offset(),
            record.timestamp(), record.headers());
    }

    @Override
    public <K, V> void forward(FixedKeyRecord<K, V> record) {
        forward(InternalFixedKeyRecordFactory.unwrap(record));
    }

    @Override
    public <K, V> void forward(FixedKeyRecord<K, V> record, String childName) {
        forward(InternalFixedKeyRecordFactory.unwrap(record), childName);
    }

    // ---- stores

    @Override
    public void register(StateStore store, StateRestoreCallback restoreCallback) {
        if (stores.containsKey(store.name())) {
            throw new StreamsException("State store " + store.name() + " is registered twice in task " + taskId);
        }
        stores.put(store.name(), store);
        restoreCallbacks.put(store.name(), restoreCallback);
    }

    @Override
    public ChangelogSink changelogFor(String storeName, Map<String, String> topicConfig) {
        String topic = ProcessorTopology.changelogTopic(applicationId(), storeName);
        changelogStores.put(new TopicPartition(topic, taskId.partition()), storeName);
        return (key, value, timestampMs) ->
            collector.send(topic, taskId.partition(), key.get(), value, new org.apache.kafka.common.header.internals
                .RecordHeaders(), timestampMs);
    }

    @Override
    public long recordTimestamp() {
        return recordContext == null ? clock.streamTimeMs() : recordContext.timestamp();
    }

    // ---- for the task and the DSL's processors

    /** The application's default serde for a source or sink that gave none, or a clear error. */
    Serde<?> defaultSerde(boolean isKey, String nodeName, String what) {
        Serde<?> serde = isKey ? settings.defaultKeySerde() : settings.defaultValueSerde();
        if (serde == null) {
            throw new ConfigException("Node " + nodeName + " has no " + what + " serde: give one (Consumed.with, "
                + "Produced.with, Serdes.forClass, ...) or set " + (isKey ? "default.key.serde" : "default.value.serde"));
        }
        return serde;
    }

    public TaskMetrics metrics() {
        return metrics;
    }

    RecordFailures failures() {
        return failures;
    }

    public ProcessorRecordContext recordContext() {
        return recordContext;
    }

    void setRecordContext(ProcessorRecordContext recordContext) {
        this.recordContext = recordContext;
    }

    public ProcessorNode<?, ?, ?, ?> currentNode() {
        return currentNode;
    }

    /**
     * Forwards {@code record} to the children of {@code node}, as if {@code node} were running: for cache flushes
     * and other callbacks that reach a processor outside its {@code process}.
     */
    public void forwardAs(ProcessorNode<?, ?, ?, ?> node, Record<?, ?> record) {
        ProcessorNode<?, ?, ?, ?> previous = currentNode;
        currentNode = node;
        try {
            forward(record);
        } finally {
            currentNode = previous;
        }
    }

    void setCurrentNode(ProcessorNode<?, ?, ?, ?> node) {
        this.currentNode = node;
    }

    RecordCollector collector() {
        return collector;
    }

    Map<String, StateStore> stores() {
        return stores;
    }

    Map<String, StateRestoreCallback> restoreCallbacks() {
        return restoreCallbacks;
    }

    /** The changelog partition of every logged store of the task, with the store's name. */
    Map<TopicPartition, String> changelogStores() {
        return changelogStores;
    }

    boolean takeCommitRequest() {
        boolean requested = commitRequested;
        commitRequested = false;
        return requested;
    }
}
