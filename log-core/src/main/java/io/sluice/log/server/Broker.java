package io.sluice.log.server;

import io.sluice.log.cluster.BrokerEndpoint;
import io.sluice.log.cluster.LocalPartitions;
import io.sluice.log.cluster.ProducerIdManager;
import io.sluice.log.cluster.TopicMetadata;
import io.sluice.log.cluster.TopicRegistry;
import io.sluice.log.coordinator.GroupCoordinator;
import io.sluice.log.coordinator.GroupTimer;
import io.sluice.log.errors.StorageException;
import io.sluice.log.protocol.CreatePartitionsHandler;
import io.sluice.log.protocol.CreateTopicsHandler;
import io.sluice.log.protocol.DeleteRecordsHandler;
import io.sluice.log.protocol.DeleteTopicsHandler;
import io.sluice.log.protocol.DescribeClusterHandler;
import io.sluice.log.protocol.DescribeConfigsHandler;
import io.sluice.log.protocol.FetchHandler;
import io.sluice.log.protocol.IncrementalAlterConfigsHandler;
import io.sluice.log.protocol.InitProducerIdHandler;
import io.sluice.log.protocol.ListOffsetsHandler;
import io.sluice.log.protocol.MetadataHandler;
import io.sluice.log.protocol.OffsetForLeaderEpochHandler;
import io.sluice.log.protocol.ProduceHandler;
import io.sluice.log.storage.LogConfig;
import io.sluice.log.storage.LogManager;
import io.sluice.log.storage.PartitionLog;
import io.sluice.log.storage.TopicPartition;
import io.sluice.log.util.Time;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node broker: the log manager, the topic registry, the partitions, the API handlers and the socket
 * server, started in dependency order and closed in reverse.
 *
 * <p>Start-up: the data directory's {@code meta.properties} gives the cluster id (created on first start) and must
 * match {@code node.id}; logs open (recovering after a crash); the metadata log is replayed; each log gets its
 * topic's configuration; logs of topics that no longer exist (a deletion interrupted by a crash) are deleted;
 * then the port opens. Thread-safe; {@link #close()} is idempotent.
 */
public final class Broker implements AutoCloseable {
    public static final String META_PROPERTIES = "meta.properties";
    private static final Logger log = LoggerFactory.getLogger(Broker.class);

    private final BrokerConfig config;
    private final String clusterId;
    private final LogManager logs;
    private final TopicRegistry topics;
    private final LocalPartitions partitions;
    private final DelayedOperationPurgatory<FetchHandler.DelayedFetch> fetchPurgatory;
    private final ScheduledExecutorService groupTimers;
    private final GroupCoordinator groups;
    private final SocketServer server;
    private volatile BrokerEndpoint endpoint;
    private boolean closed;

    private Broker(BrokerConfig config, Time time) {
        this.config = config;
        Path dataDir = config.logDir();
        this.clusterId = readOrCreateClusterId(dataDir, config.nodeId());
        AtomicReference<TopicRegistry> registry = new AtomicReference<>();
        LogConfig defaults = config.topicDefaults();
        // Logs open before the registry is loaded (the registry lives in a log): they start with the broker
        // defaults and get their topic's configuration right after, before any request is served.
        this.logs = new LogManager(config.logManagerConfig(), time, topic -> {
            TopicRegistry loaded = registry.get();
            if (topic.equals(TopicRegistry.METADATA_PARTITION.topic())) {
                return TopicRegistry.METADATA_LOG_CONFIG;
            }
            return loaded == null ? defaults : loaded.logConfig(topic);
        });
        try {
            this.topics = TopicRegistry.load(logs.getOrCreateLog(TopicRegistry.METADATA_PARTITION), defaults.values());
            registry.set(topics);
            ensureOffsetsTopic(config.offsetsTopicNumPartitions());
            reconcileLogsWithTopics();
            this.partitions = new LocalPartitions(logs, topics, config.nodeId());
            this.fetchPurgatory = new DelayedOperationPurgatory<>("fetch");
            partitions.onHighWatermarkAdvance(fetchPurgatory::checkAndComplete);
            this.groupTimers = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "sluice-group-timer");
                thread.setDaemon(true);
                return thread;
            });
            this.groups = new GroupCoordinator(logs, topics.topic(GroupCoordinator.OFFSETS_TOPIC).orElseThrow().partitionCount(), time,
                GroupTimer.of(groupTimers), config.groupConfig());
            groups.load();
            this.server = new SocketServer(config, handlers(new ProducerIdManager(dataDir)));
        } catch (RuntimeException e) {
            logs.close();
            throw e;
        }
    }

    /** Opens the data directory and starts serving on the configured port. */
    public static Broker start(BrokerConfig config) {
        return start(config, Time.SYSTEM);
    }

    public static Broker start(BrokerConfig config, Time time) {
        Broker broker = new Broker(config, time);
        try {
            broker.server.start();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        String host = config.advertisedHost();
        broker.endpoint = new BrokerEndpoint(config.nodeId(), host, broker.server.boundPort());
        log.info("Sluice broker {} serving {}:{} (cluster {}), data in {}", config.nodeId(), host,
            broker.server.boundPort(), broker.clusterId, config.logDir().toAbsolutePath());
        return broker;
    }

    private List<ApiHandler> handlers(ProducerIdManager producerIds) {
        List<ApiHandler> handlers = new ArrayList<>();
        handlers.add(new MetadataHandler(topics, partitions, () -> endpoint, clusterId,
            config.autoCreateTopicsEnable(), config.numPartitions()));
        handlers.add(new ProduceHandler(topics, partitions));
        handlers.add(new FetchHandler(topics, partitions, fetchPurgatory));
        handlers.add(new ListOffsetsHandler(partitions));
        handlers.add(new OffsetForLeaderEpochHandler(partitions));
        handlers.add(new InitProducerIdHandler(producerIds));
        Map<String, Object> topicDefaults = config.topicDefaults().values();
        handlers.add(new CreateTopicsHandler(topics, partitions, config.numPartitions(), topicDefaults));
        handlers.add(new DeleteTopicsHandler(topics, partitions));
        handlers.add(new CreatePartitionsHandler(topics, partitions));
        handlers.add(new DescribeClusterHandler(clusterId, config.nodeId(),
            () -> InetSocketAddress.createUnresolved(endpoint.host(), endpoint.port())));
        handlers.add(new DescribeConfigsHandler(topics, partitions, topicDefaults, brokerConfigStrings()));
        handlers.add(new IncrementalAlterConfigsHandler(topics, partitions));
        handlers.add(new DeleteRecordsHandler(partitions));
        handlers.addAll(groups.handlers(() -> new Node(endpoint.nodeId(), endpoint.host(), endpoint.port())));
        return handlers;
    }

    /** The broker's settings as DescribeConfigs shows them. */
    private Map<String, String> brokerConfigStrings() {
        Map<String, String> values = new java.util.TreeMap<>();
        config.values().forEach((key, value) -> values.put(key, value == null ? null : String.valueOf(value)));
        return values;
    }

    /** Consumer groups keep their offsets in this compacted internal topic, created on first start. */
    private void ensureOffsetsTopic(int partitionCount) {
        if (topics.topic(GroupCoordinator.OFFSETS_TOPIC).isEmpty()) {
            topics.create(GroupCoordinator.OFFSETS_TOPIC, partitionCount, Map.of(LogConfig.CLEANUP_POLICY.name(),
                LogConfig.CLEANUP_POLICY_COMPACT));
        }
    }

    /** Applies each topic's configuration to its open logs; deletes logs whose topic is gone. */
    private void reconcileLogsWithTopics() {
        for (Map.Entry<TopicPartition, PartitionLog> entry : logs.logs().entrySet()) {
            String topic = entry.getKey().topic();
            if (topic.equals(TopicRegistry.METADATA_PARTITION.topic())) {
                continue;
            }
            if (topics.topic(topic).isEmpty()) {
                log.warn("Deleting the log of {}: its topic was deleted (the deletion was interrupted)", entry.getKey());
                logs.deleteLog(entry.getKey());
            } else {
                entry.getValue().updateConfig(topics.logConfig(topic));
            }
        }
    }

    private static String readOrCreateClusterId(Path dataDir, int nodeId) {
        Path file = dataDir.resolve(META_PROPERTIES);
        Properties meta = new Properties();
        try {
            Files.createDirectories(dataDir);
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    meta.load(in);
                }
                String storedNode = meta.getProperty("node.id");
                if (storedNode != null && Integer.parseInt(storedNode.trim()) != nodeId) {
                    throw new StorageException("Data directory " + dataDir + " belongs to node " + storedNode.trim()
                        + ", not to node.id=" + nodeId);
                }
                String id = meta.getProperty("cluster.id");
                if (id != null && !id.isBlank()) {
                    return id.trim();
                }
            }
            UUID uuid = UUID.randomUUID();
            byte[] bytes = new byte[16];
            java.nio.ByteBuffer.wrap(bytes).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            meta.setProperty("version", "1");
            meta.setProperty("cluster.id", id);
            meta.setProperty("node.id", Integer.toString(nodeId));
            try (OutputStream out = Files.newOutputStream(file)) {
                meta.store(out, "Sluice broker identity");
            }
            return id;
        } catch (IOException | NumberFormatException e) {
            throw new StorageException("Cannot read or write " + file + ": " + e.getMessage(), e);
        }
    }

    public String clusterId() {
        return clusterId;
    }

    public int boundPort() {
        return server.boundPort();
    }

    /** {@code host:port}, for clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return endpoint.host() + ":" + endpoint.port();
    }

    public TopicRegistry topics() {
        return topics;
    }

    public LogManager logManager() {
        return logs;
    }

    /** Creates a topic from code (the embedded API); clients use CreateTopics. */
    public TopicMetadata createTopic(String name, int partitionCount, Map<String, String> configs) {
        TopicMetadata topic = topics.create(name, partitionCount, configs);
        partitions.createLogs(topic);
        return topic;
    }

    /** Clean shutdown: stop accepting, finish in-flight requests, then close every log (fsynced, no recovery). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Parked fetches answer now (with what they have), so the server's graceful close does not wait them out.
        fetchPurgatory.close();
        server.close();
        groups.close();
        groupTimers.shutdownNow();
        logs.close();
        log.info("Sluice broker {} stopped", config.nodeId());
    }
}
