package io.sluice.connect.runtime;

import io.sluice.connect.runtime.errors.DeadLetterQueueReporter;
import io.sluice.connect.runtime.errors.ErrorReporter;
import io.sluice.connect.runtime.errors.LogReporter;
import io.sluice.connect.runtime.errors.RetryWithToleranceOperator;
import io.sluice.connect.runtime.isolation.Plugins;
import io.sluice.connect.runtime.rest.entities.ConnectorOffsets;
import io.sluice.connect.runtime.rest.entities.ConnectorTaskId;
import io.sluice.connect.storage.ConnectorOffsetStore;
import io.sluice.connect.storage.OffsetBackingStore;
import io.sluice.connect.storage.OffsetCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs connector and task instances on this JVM; knows nothing about where configs come from (the herder tells it).
 *
 * <p>Each connector runs on its own thread ({@link WorkerConnector}), each task on its own thread
 * ({@link WorkerSourceTask}, {@link WorkerSinkTask}), each with its plugin's class loader as the thread context
 * loader. Source tasks get a producer each, sink tasks a consumer each (group {@code connect-<connector>}); the
 * worker's own Admin client serves offsets and cluster queries. Plugin failures never escape: they are reported
 * through the {@link StatusListener} (FAILED with the cause) and other connectors keep running.
 *
 * <p>Lifecycle: {@link #start} opens the offset store (which the worker then owns and closes) and the Admin client;
 * {@link #close} stops every task and connector, then closes them.
 *
 * <p>Threading: every method may be called from any thread; the registries are concurrent maps, and starting or
 * stopping the same connector or task concurrently is the herder's job to avoid.
 */
public final class Worker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    /** Added to each task config so a task can be started without asking its connector again (as Kafka does). */
    public static final String TASK_CLASS_CONFIG = "task.class";
    private static final long ADMIN_TIMEOUT_MS = 30_000;

    private final String workerId;
    private final WorkerConfig config;
    private final Plugins plugins;
    private final OffsetBackingStore offsetStore;
    private final StatusListener statusListener;
    private final OffsetCodec offsetCodec = new OffsetCodec();
    private final Metrics metrics = new Metrics();
    private final Map<String, WorkerConnector> connectors = new ConcurrentHashMap<>();
    private final Map<ConnectorTaskId, WorkerTask> tasks = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> activeTopics = new ConcurrentHashMap<>();
    private volatile Admin admin;

    public Worker(String workerId, WorkerConfig config, Plugins plugins, OffsetBackingStore offsetStore,
                  StatusListener statusListener) {
        this.workerId = workerId;
        this.config = config;
        this.plugins = plugins;
        this.offsetStore = offsetStore;
        this.statusListener = statusListener;
    }

    public void start() {
        offsetStore.start();
        admin = Admin.create(ClientConfigs.admin(config, null, "connect-worker-" + workerId));
        LOG.info("Worker {} started against {}", workerId, config.bootstrapServers());
    }

    public String workerId() {
        return workerId;
    }

    public Plugins plugins() {
        return plugins;
    }

    /**
     * Instantiates (through Plugins, in the plugin's class loader), initializes and starts the connector in the
     * given target state; a failure is reported through {@link StatusListener#onFailure(String, Throwable)}, never
     * thrown.
     */
    public void startConnector(String name, Map<String, String> connectorConfig, Herder.TargetState state,
                               ConnectorReconfigurationListener ctx) {
        try {
            if (connectors.containsKey(name)) {
                throw new ConnectException("Connector '" + name + "' is already running on worker " + workerId);
            }
            String connectorClass = connectorConfig.get(ConnectorConfig.CONNECTOR_CLASS);
            Connector connector = plugins.newConnector(connectorClass);
            ConnectorConfig parsed = ConnectorConfig.of(plugins, connectorConfig, connector instanceof SinkConnector);
            WorkerConnector worker = new WorkerConnector(name, connectorConfig, parsed.tasksMax(), connector,
                connector.getClass().getClassLoader(), statusListener, ctx, connectorOffsets(name),
                pluginMetrics(name, null));
            connectors.put(name, worker);
            activeTopics.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet());
            worker.start(state);
            LOG.info("Connector '{}' ({}) starting in state {}", name, connector.getClass().getName(), state);
        } catch (RuntimeException e) {
            LOG.error("Connector '{}' could not be started", name, e);
            statusListener.onFailure(name, e);
        }
    }

    /**
     * taskConfigs(tasks.max) of a running connector, each with {@value #TASK_CLASS_CONFIG} added; empty if it is
     * not running.
     *
     * @throws ConnectException when the connector throws or answers more configs than tasks.max
     */
    public List<Map<String, String>> connectorTaskConfigs(String name) {
        WorkerConnector connector = connectors.get(name);
        if (connector == null) {
            return List.of();
        }
        String taskClass = connector.connector().taskClass().getName();
        List<Map<String, String>> configs = new ArrayList<>();
        for (Map<String, String> taskConfig : connector.taskConfigs()) {
            Map<String, String> withClass = new HashMap<>(taskConfig);
            withClass.put(TASK_CLASS_CONFIG, taskClass);
            configs.add(withClass);
        }
        return configs;
    }

    /** Creates and starts the task on a thread of its own; failures are reported through the listener. */
    public void startTask(ConnectorTaskId id, Map<String, String> connectorConfig, Map<String, String> taskConfig,
                          Herder.TargetState state) {
        List<AutoCloseable> created = new ArrayList<>();
        try {
            if (tasks.containsKey(id)) {
                throw new ConnectException("Task " + id + " is already running on worker " + workerId);
            }
            String connectorClass = connectorConfig.get(ConnectorConfig.CONNECTOR_CLASS);
            ClassLoader loader = plugins.connectorLoader(connectorClass);
            boolean sink = isSinkConnector(connectorConfig);
            ConnectorConfig parsed = ConnectorConfig.of(plugins, connectorConfig, sink);
            Task task = newTask(id, connectorClass, taskConfig, loader);
            RecordConverters converters = RecordConverters.build(config, parsed, plugins, loader);
            created.add(converters);
            RetryWithToleranceOperator operator = new RetryWithToleranceOperator(parsed.errorsRetryTimeoutMs(),
                parsed.errorsRetryDelayMaxMs(), parsed.errorsTolerance(), reporters(id, parsed, created));
            created.add(operator);
            Set<String> topics = activeTopics.computeIfAbsent(id.connector(), n -> ConcurrentHashMap.newKeySet());
            WorkerTask workerTask = sink
                ? sinkTask(id, (SinkTask) task, taskConfig, (SinkConnectorConfig) parsed,
                    new TaskResources<>(config, statusListener, loader, state, converters,
                        TransformationChain.<SinkRecord>build(parsed, plugins, loader), operator, topics::add,
                        pluginMetrics(id.connector(), id)), created)
                : sourceTask(id, (SourceTask) task, taskConfig, (SourceConnectorConfig) parsed,
                    new TaskResources<>(config, statusListener, loader, state, converters,
                        TransformationChain.<SourceRecord>build(parsed, plugins, loader), operator, topics::add,
                        pluginMetrics(id.connector(), id)), created);
            tasks.put(id, workerTask);
            Thread thread = new Thread(workerTask, "task-thread-" + id);
            thread.setDaemon(true);
            thread.start();
            LOG.info("Task {} ({}) starting in state {}", id, task.getClass().getName(), state);
        } catch (Throwable e) {
            for (AutoCloseable resource : created) {
                closeQuietly(resource);
            }
            LOG.error("Task {} could not be started", id, e);
            statusListener.onFailure(id, e);
        }
    }

    private Task newTask(ConnectorTaskId id, String connectorClass, Map<String, String> taskConfig,
                         ClassLoader loader) throws ReflectiveOperationException {
        String taskClass = taskConfig.get(TASK_CLASS_CONFIG);
        ClassLoader previous = Plugins.swapLoader(loader);
        try {
            Class<?> cls = taskClass != null ? Class.forName(taskClass, true, loader)
                : plugins.newConnector(connectorClass).taskClass();
            if (!Task.class.isAssignableFrom(cls)) {
                throw new ConnectException("Task class " + cls.getName() + " of " + id + " is not a Task");
            }
            return (Task) cls.getConstructor().newInstance();
        } finally {
            Plugins.swapLoader(previous);
        }
    }

    private List<ErrorReporter> reporters(ConnectorTaskId id, ConnectorConfig parsed, List<AutoCloseable> created) {
        List<ErrorReporter> reporters = new ArrayList<>();
        if (parsed.errorsLogEnable()) {
            reporters.add(new LogReporter(id, parsed.errorsLogIncludeMessages()));
        }
        String dlq = parsed.dlqTopic();
        if (!dlq.isEmpty()) {
            try (Admin taskAdmin = Admin.create(ClientConfigs.admin(config, parsed, "connector-dlq-admin-" + id))) {
                new TopicCreator(taskAdmin, null).create(dlq, 1, parsed.dlqReplicationFactor(), Map.of());
            }
            KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                ClientConfigs.producer(config, parsed, "connector-dlq-producer-" + id), new ByteArraySerializer(),
                new ByteArraySerializer());
            DeadLetterQueueReporter reporter = new DeadLetterQueueReporter(producer, dlq, id,
                parsed.dlqContextHeaders());
            created.add(reporter);
            reporters.add(reporter);
        }
        return reporters;
    }

    private WorkerTask sourceTask(ConnectorTaskId id, SourceTask task, Map<String, String> taskConfig,
                                  SourceConnectorConfig parsed, TaskResources<SourceRecord> resources,
                                  List<AutoCloseable> created) {
        created.add(resources.transforms());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
            ClientConfigs.producer(config, parsed, "connector-producer-" + id), new ByteArraySerializer(),
            new ByteArraySerializer());
        created.add(producer);
        boolean createTopics = config.topicCreationEnabled() && parsed.topicCreationConfigured();
        Admin taskAdmin = createTopics ? Admin.create(ClientConfigs.admin(config, parsed, "connector-admin-" + id))
            : null;
        if (taskAdmin != null) {
            created.add(taskAdmin);
        }
        TopicCreator topicCreator = new TopicCreator(taskAdmin, createTopics ? parsed : null);
        return new WorkerSourceTask(id, task, taskConfig, resources, producer, topicCreator,
            connectorOffsets(id.connector()));
    }

    private WorkerTask sinkTask(ConnectorTaskId id, SinkTask task, Map<String, String> taskConfig,
                                SinkConnectorConfig parsed, TaskResources<SinkRecord> resources,
                                List<AutoCloseable> created) {
        created.add(resources.transforms());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientConfigs.consumer(config, parsed, id),
            new ByteArrayDeserializer(), new ByteArrayDeserializer());
        created.add(consumer);
        return new WorkerSinkTask(id, task, taskConfig, parsed, resources, consumer);
    }

    private ConnectorOffsetStore connectorOffsets(String connector) {
        return new ConnectorOffsetStore(connector, offsetStore, offsetCodec);
    }

    private PluginMetrics pluginMetrics(String connector, ConnectorTaskId task) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("connector", connector);
        if (task != null) {
            tags.put("task", String.valueOf(task.task()));
        }
        return new PluginMetricsImpl(metrics, tags);
    }

    /** Stops the connector instance (graceful, bounded) and forgets it; its tasks are stopped separately. */
    public void stopConnector(String name) {
        WorkerConnector connector = connectors.remove(name);
        if (connector == null) {
            LOG.debug("Connector '{}' is not running on worker {}; nothing to stop", name, workerId);
            return;
        }
        connector.shutdown(config.taskShutdownGracefulTimeoutMs());
        LOG.info("Connector '{}' stopped", name);
    }

    /** Stops the task within task.shutdown.graceful.timeout.ms; a task that does not stop in time is abandoned. */
    public void stopTask(ConnectorTaskId id) {
        WorkerTask task = tasks.remove(id);
        if (task == null) {
            LOG.debug("Task {} is not running on worker {}; nothing to stop", id, workerId);
            return;
        }
        task.stop();
        awaitStopped(List.of(task));
    }

    private void awaitStopped(List<WorkerTask> stopping) {
        long deadline = System.currentTimeMillis() + config.taskShutdownGracefulTimeoutMs();
        for (WorkerTask task : stopping) {
            try {
                if (!task.awaitStop(Math.max(0, deadline - System.currentTimeMillis()))) {
                    LOG.error("Task {} did not stop within {} ms ({}); abandoning it", task.id(),
                        config.taskShutdownGracefulTimeoutMs(), WorkerConfig.TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS);
                    task.cancel();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                task.cancel();
            }
        }
    }

    /**
     * Pause, resume or stop the connector and its tasks. STOPPED also stops and forgets the connector's tasks
     * (as Kafka Connect does); moving from STOPPED to RUNNING restarts the connector, which then asks the herder
     * for task reconfiguration to recreate them.
     */
    public void setTargetState(String connector, Herder.TargetState state) {
        WorkerConnector instance = connectors.get(connector);
        if (instance != null) {
            instance.transitionTo(state);
        }
        List<ConnectorTaskId> ids = tasks.keySet().stream().filter(id -> id.connector().equals(connector)).toList();
        if (state == Herder.TargetState.STOPPED) {
            List<WorkerTask> stopping = new ArrayList<>();
            for (ConnectorTaskId id : ids) {
                WorkerTask task = tasks.remove(id);
                if (task != null) {
                    task.stop();
                    stopping.add(task);
                }
            }
            awaitStopped(stopping);
        } else {
            for (ConnectorTaskId id : ids) {
                WorkerTask task = tasks.get(id);
                if (task != null) {
                    task.transitionTo(state);
                }
            }
        }
    }

    /** By connector.class through Plugins. @throws ConnectException when the class is unknown */
    public boolean isSinkConnector(Map<String, String> connectorConfig) {
        String connectorClass = connectorConfig.get(ConnectorConfig.CONNECTOR_CLASS);
        if (connectorClass == null || connectorClass.isBlank()) {
            throw new ConnectException("Missing required config '" + ConnectorConfig.CONNECTOR_CLASS + "'");
        }
        return plugins.newConnector(connectorClass) instanceof SinkConnector;
    }

    public Set<String> activeTopics(String connector) {
        Set<String> topics = activeTopics.get(connector);
        return topics == null ? Set.of() : Set.copyOf(topics);
    }

    public void resetActiveTopics(String connector) {
        Set<String> topics = activeTopics.get(connector);
        if (topics != null) {
            topics.clear();
        }
    }

    /**
     * Source: from the offset store; sink: the committed offsets of its consumer group ({@code connect-<name>}
     * unless {@code consumer.override.group.id} names another).
     */
    public ConnectorOffsets offsets(String connector, Map<String, String> connectorConfig) {
        List<ConnectorOffsets.PartitionOffset> result = new ArrayList<>();
        if (isSinkConnector(connectorConfig)) {
            String group = ClientConfigs.sinkGroupId(connector, connectorConfig);
            sinkCommittedOffsets(connector, group).forEach((partition, offset) -> result.add(
                new ConnectorOffsets.PartitionOffset(sinkPartition(partition),
                    Map.of(SinkOffsets.KAFKA_OFFSET, offset.offset()))));
        } else {
            connectorOffsets(connector).all().forEach((partition, offset) ->
                result.add(new ConnectorOffsets.PartitionOffset(partition, offset)));
        }
        return new ConnectorOffsets(result);
    }

    /**
     * Writes the given offsets (a null offset removes the partition's); the connector must be stopped (the herder
     * checks). The offsets are checked first, then the connector's own {@code alterOffsets} is consulted (it may
     * refuse by throwing), as in Kafka Connect.
     *
     * @throws BadOffsetsException when an entry is malformed for the connector's kind (a 400 for the REST API)
     */
    public void alterOffsets(String connector, Map<String, String> connectorConfig, ConnectorOffsets offsets) {
        Connector instance = plugins.newConnector(connectorConfig.get(ConnectorConfig.CONNECTOR_CLASS));
        if (instance instanceof SinkConnector sink) {
            Map<TopicPartition, Long> parsed = SinkOffsets.parse(connector, offsets);
            consultConnector(connector, () -> sink.alterOffsets(connectorConfig, parsed), instance);
            writeSinkOffsets(connector, ClientConfigs.sinkGroupId(connector, connectorConfig), parsed);
        } else {
            Map<Map<String, ?>, Map<String, ?>> parsed = SourceOffsets.parse(connector, offsets);
            consultConnector(connector,
                () -> ((SourceConnector) instance).alterOffsets(connectorConfig, parsed), instance);
            connectorOffsets(connector).write(parsed);
        }
    }

    /**
     * Removes every offset of the connector (the sink's consumer group is deleted, the source's partitions get
     * tombstones); the connector must be stopped (the herder checks). The connector's {@code alterOffsets} hears of
     * every partition being removed first, as in Kafka Connect. Resetting a connector without offsets is a no-op.
     */
    public void resetOffsets(String connector, Map<String, String> connectorConfig) {
        Connector instance = plugins.newConnector(connectorConfig.get(ConnectorConfig.CONNECTOR_CLASS));
        if (instance instanceof SinkConnector sink) {
            String group = ClientConfigs.sinkGroupId(connector, connectorConfig);
            Map<TopicPartition, Long> removals = new HashMap<>();
            sinkCommittedOffsets(connector, group).keySet().forEach(partition -> removals.put(partition, null));
            consultConnector(connector, () -> sink.alterOffsets(connectorConfig, removals), instance);
            try {
                adminCall(admin.deleteConsumerGroups(List.of(group)).all(),
                    "reset the offsets of connector '" + connector + "' (delete consumer group " + group + ")");
            } catch (ConnectException e) {
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw e;
                }
            }
        } else {
            ConnectorOffsetStore store = connectorOffsets(connector);
            Map<Map<String, ?>, Map<String, ?>> removals = new HashMap<>();
            store.all().keySet().forEach(partition -> removals.put(partition, null));
            consultConnector(connector,
                () -> ((SourceConnector) instance).alterOffsets(connectorConfig, removals), instance);
            store.write(removals);
        }
    }

    /** Calls the connector's alterOffsets in its class loader; whatever it throws names the connector. */
    private static void consultConnector(String connector, Runnable alterOffsets, Connector instance) {
        ClassLoader previous = Plugins.swapLoader(instance.getClass().getClassLoader());
        try {
            alterOffsets.run();
        } catch (ConnectException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConnectException("Connector '" + connector + "' refused to alter its offsets: "
                + e.getMessage(), e);
        } finally {
            Plugins.swapLoader(previous);
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> sinkCommittedOffsets(String connector, String group) {
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        adminCall(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
            "list the offsets of connector '" + connector + "' (consumer group " + group + ")").forEach((partition, offset) -> {
                if (offset != null) {
                    committed.put(partition, offset);
                }
            });
        return committed;
    }

    private void writeSinkOffsets(String connector, String group, Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> toAlter = new HashMap<>();
        Set<TopicPartition> toDelete = new HashSet<>();
        offsets.forEach((partition, offset) -> {
            if (offset == null) {
                toDelete.add(partition);
            } else {
                toAlter.put(partition, new OffsetAndMetadata(offset));
            }
        });
        if (!toAlter.isEmpty()) {
            adminCall(admin.alterConsumerGroupOffsets(group, toAlter).all(),
                "alter the offsets of connector '" + connector + "'");
        }
        if (!toDelete.isEmpty()) {
            adminCall(admin.deleteConsumerGroupOffsets(group, toDelete).all(),
                "delete offsets of connector '" + connector + "'");
        }
    }

    private static Map<String, Object> sinkPartition(TopicPartition partition) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(SinkOffsets.KAFKA_TOPIC, partition.topic());
        map.put(SinkOffsets.KAFKA_PARTITION, partition.partition());
        return map;
    }

    public String kafkaClusterId() {
        return adminCall(admin.describeCluster().clusterId(), "describe the Kafka cluster");
    }

    private static <T> T adminCall(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ConnectException("Failed to " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while trying to " + what, e);
        } catch (TimeoutException e) {
            throw new ConnectException("Timed out trying to " + what, e);
        }
    }

    /** Stops every task, then every connector, then closes the clients and the offset store. */
    @Override
    public void close() {
        List<WorkerTask> stopping = new ArrayList<>();
        for (ConnectorTaskId id : List.copyOf(tasks.keySet())) {
            WorkerTask task = tasks.remove(id);
            if (task != null) {
                task.stop();
                stopping.add(task);
            }
        }
        awaitStopped(stopping);
        for (String name : List.copyOf(connectors.keySet())) {
            stopConnector(name);
        }
        if (admin != null) {
            admin.close();
        }
        offsetStore.close();
        metrics.close();
        LOG.info("Worker {} stopped", workerId);
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            LOG.warn("Failed to close {}", resource, e);
        }
    }
}
