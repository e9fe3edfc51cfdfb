package io.sluice.log.server;

import static io.sluice.log.config.Validator.atLeast;
import static io.sluice.log.config.Validator.between;

import io.sluice.log.config.ConfigDef;
import io.sluice.log.config.ConfigException;
import io.sluice.log.config.ConfigKey;
import io.sluice.log.config.ConfigValues;
import io.sluice.log.coordinator.GroupConfig;
import io.sluice.log.config.Importance;
import io.sluice.log.config.Validator;
import io.sluice.log.storage.LogConfig;
import io.sluice.log.storage.LogManagerConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Broker settings, with Kafka's key names where the concept is the same, so a Kafka {@code server.properties}
 * mostly carries over.
 *
 * <p>Three groups of keys are accepted: the broker's own ({@link #DEFINITION}: network, threads, topic
 * auto-creation, groups); every key of {@link LogManagerConfig} ({@code log.dir}, required, and the log
 * manager's intervals and threads); and <em>topic defaults</em> under Kafka's broker names — {@code log.} prefixed
 * where Kafka has a prefix ({@code log.segment.bytes} → topic {@code segment.bytes}, {@code log.retention.ms},
 * {@code log.cleanup.policy}, {@code log.flush.interval.messages} → {@code flush.messages}, …) and
 * {@code message.max.bytes} → {@code max.message.bytes}. A topic-default key has the topic key's default and
 * validation; {@link #topicDefaults()} is the {@link LogConfig} every topic starts from.
 *
 * <p><b>Unknown keys are refused</b>, by name, including Kafka keys we do not implement ({@code listeners},
 * {@code process.roles}, {@code log.dirs}, …): silently ignoring a key the operator set would leave them
 * believing it took effect. Remove such keys when moving a Kafka file over.
 *
 * <p><b>{@code group.initial.rebalance.delay.ms} defaults to 0</b>, not Kafka's built-in 3000: Sluice runs
 * embedded by default, where a three-second wait before every new group's first assignment is pure latency;
 * Kafka's own shipped {@code server.properties} sets 0 for the same reason. Production clusters with many
 * members joining at once should set 3000.
 *
 * <p>Cross-field checks run in the constructor, before anything starts. Immutable and thread-safe.
 */
public final class BrokerConfig {
    public static final ConfigKey<Integer> NODE_ID = ConfigKey.intKey("node.id")
        .defaultValue(0).validator(atLeast(0)).importance(Importance.HIGH)
        .doc("This broker's id in the cluster; unique per broker.");
    public static final ConfigKey<String> HOST = ConfigKey.stringKey("host")
        .defaultValue("localhost").importance(Importance.HIGH)
        .doc("Address the broker listens on (0.0.0.0 for every interface).");
    public static final ConfigKey<Integer> PORT = ConfigKey.intKey("port")
        .defaultValue(9092).validator(between(0, 65535)).importance(Importance.HIGH)
        .doc("Port the broker listens on; 0 picks a free port (tests, embedded brokers).");
    public static final ConfigKey<String> ADVERTISED_HOST = ConfigKey.stringKey("advertised.host")
        .defaultValue("").importance(Importance.HIGH)
        .doc("Host clients are told to connect to (in Metadata); empty means the value of 'host'.");
    public static final ConfigKey<Integer> SOCKET_REQUEST_MAX_BYTES = ConfigKey.intKey("socket.request.max.bytes")
        .defaultValue(104_857_600).validator(atLeast(RequestFrameDecoder.MIN_REQUEST_BYTES))
        .importance(Importance.HIGH)
        .doc("Largest request accepted; a larger size prefix closes the connection before any buffer is allocated.");
    public static final ConfigKey<Integer> NUM_NETWORK_THREADS = ConfigKey.intKey("num.network.threads")
        .defaultValue(3).validator(atLeast(1)).importance(Importance.MEDIUM)
        .doc("Event-loop threads that read, frame, parse and write requests; they never touch the disk.");
    public static final ConfigKey<Integer> NUM_IO_THREADS = ConfigKey.intKey("num.io.threads")
        .defaultValue(8).validator(atLeast(1)).importance(Importance.MEDIUM)
        .doc("Request threads that run the API handlers (which may read and write the log).");
    public static final ConfigKey<Boolean> AUTO_CREATE_TOPICS_ENABLE = ConfigKey.booleanKey("auto.create.topics.enable")
        .defaultValue(true).importance(Importance.HIGH)
        .doc("Create a topic when a client asks for the metadata of one that does not exist.");
    public static final ConfigKey<Integer> NUM_PARTITIONS = ConfigKey.intKey("num.partitions")
        .defaultValue(1).validator(atLeast(1)).importance(Importance.MEDIUM)
        .doc("Partitions of an auto-created topic, and of a created topic that does not say.");
    public static final ConfigKey<Integer> DEFAULT_REPLICATION_FACTOR = ConfigKey.intKey("default.replication.factor")
        .defaultValue(1).validator(atLeast(1)).importance(Importance.MEDIUM)
        .doc("Replication factor of an auto-created topic, and of a created topic that does not say.");
    public static final ConfigKey<Integer> OFFSETS_TOPIC_NUM_PARTITIONS = ConfigKey.intKey("offsets.topic.num.partitions")
        .defaultValue(50).validator(atLeast(1)).importance(Importance.MEDIUM)
        .doc("Partitions of __consumer_offsets; fixed once the topic exists (groups hash onto partitions).");
    // Topic defaults: the broker-level name of each topic key, as Kafka names it.
    public static final ConfigKey<Integer> LOG_SEGMENT_BYTES = intDefault("log.segment.bytes", LogConfig.SEGMENT_BYTES);
    public static final ConfigKey<Long> LOG_ROLL_MS = longDefault("log.roll.ms", LogConfig.SEGMENT_MS);
    public static final ConfigKey<Integer> LOG_INDEX_SIZE_MAX_BYTES =
        intDefault("log.index.size.max.bytes", LogConfig.SEGMENT_INDEX_BYTES);
    public static final ConfigKey<Integer> LOG_INDEX_INTERVAL_BYTES =
        intDefault("log.index.interval.bytes", LogConfig.INDEX_INTERVAL_BYTES);
    public static final ConfigKey<Long> LOG_RETENTION_MS = longDefault("log.retention.ms", LogConfig.RETENTION_MS);
    public static final ConfigKey<Long> LOG_RETENTION_BYTES =
        longDefault("log.retention.bytes", LogConfig.RETENTION_BYTES);
    public static final ConfigKey<List<String>> LOG_CLEANUP_POLICY =
        listDefault("log.cleanup.policy", LogConfig.CLEANUP_POLICY);
    public static final ConfigKey<Long> LOG_CLEANER_DELETE_RETENTION_MS =
        longDefault("log.cleaner.delete.retention.ms", LogConfig.DELETE_RETENTION_MS);
    public static final ConfigKey<Long> LOG_CLEANER_MIN_COMPACTION_LAG_MS =
        longDefault("log.cleaner.min.compaction.lag.ms", LogConfig.MIN_COMPACTION_LAG_MS);
    public static final ConfigKey<Double> LOG_CLEANER_MIN_CLEANABLE_RATIO =
        doubleDefault("log.cleaner.min.cleanable.ratio", LogConfig.MIN_CLEANABLE_DIRTY_RATIO);
    public static final ConfigKey<Integer> MESSAGE_MAX_BYTES = intDefault("message.max.bytes", LogConfig.MAX_MESSAGE_BYTES);
    public static final ConfigKey<String> LOG_MESSAGE_TIMESTAMP_TYPE =
        stringDefault("log.message.timestamp.type", LogConfig.MESSAGE_TIMESTAMP_TYPE);
    public static final ConfigKey<Long> LOG_FLUSH_INTERVAL_MESSAGES =
        longDefault("log.flush.interval.messages", LogConfig.FLUSH_MESSAGES);
    public static final ConfigKey<Long> LOG_FLUSH_INTERVAL_MS = longDefault("log.flush.interval.ms", LogConfig.FLUSH_MS);
    public static final ConfigKey<Long> LOG_SEGMENT_DELETE_DELAY_MS =
        longDefault("log.segment.delete.delay.ms", LogConfig.FILE_DELETE_DELAY_MS);

    /** Broker key → the topic key it gives the default of. */
    private static final Map<ConfigKey<?>, ConfigKey<?>> TOPIC_DEFAULTS = topicDefaultKeys();

    /**
     * The broker's own keys and the topic-default keys (the reference in {@code docs/}); the keys of
     * {@link LogManagerConfig#DEFINITION} are accepted too and documented there.
     */
    public static final ConfigDef DEFINITION = new ConfigDef(
        "Broker settings (a broker also accepts every key of the broker log and group coordinator settings)",
        ownKeys());

    private static final ConfigDef ACCEPTED = new ConfigDef("Broker settings", acceptedKeys());

    private final ConfigValues values;
    private final LogManagerConfig logManagerConfig;
    private final LogConfig topicDefaults;
    private final GroupConfig groupConfig;

    /** Parses broker properties (String or typed values); absent keys take their defaults. */
    public BrokerConfig(Map<String, ?> props) {
        this.values = ACCEPTED.parse(props);
        Map<String, Object> logManagerProps = new LinkedHashMap<>();
        for (ConfigKey<?> key : LogManagerConfig.DEFINITION.keys()) {
            logManagerProps.put(key.name(), values.asMap().get(key.name()));
        }
        this.logManagerConfig = new LogManagerConfig(logManagerProps);
        Map<String, Object> topicProps = new LinkedHashMap<>();
        TOPIC_DEFAULTS.forEach((brokerKey, topicKey) ->
            topicProps.put(topicKey.name(), values.asMap().get(brokerKey.name())));
        this.topicDefaults = new LogConfig(topicProps);
        Map<String, Object> groupProps = new LinkedHashMap<>();
        for (ConfigKey<?> key : GroupConfig.DEFINITION.keys()) {
            groupProps.put(key.name(), values.asMap().get(key.name()));
        }
        this.groupConfig = new GroupConfig(groupProps);
        if (messageMaxBytes() > socketRequestMaxBytes()) {
            throw new ConfigException("message.max.bytes (" + messageMaxBytes() + ") must not exceed "
                + "socket.request.max.bytes (" + socketRequestMaxBytes() + "): such a batch could never arrive");
        }
    }

    /** Reads a {@code server.properties}-style file (ISO-8859-1 escapes as {@link Properties} defines, UTF-8 text). */
    public static BrokerConfig fromProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("Cannot read broker configuration " + file + ": " + e.getMessage());
        }
        Map<String, Object> props = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            props.put(name, properties.getProperty(name));
        }
        try {
            return new BrokerConfig(props);
        } catch (ConfigException e) {
            throw new ConfigException(e.getMessage() + " (in " + file + ")");
        }
    }

    public int nodeId() {
        return values.get(NODE_ID);
    }

    public String host() {
        return values.get(HOST);
    }

    public int port() {
        return values.get(PORT);
    }

    /** The host put in Metadata responses: {@code advertised.host}, or {@code host} when that is empty. */
    public String advertisedHost() {
        String advertised = values.get(ADVERTISED_HOST);
        return advertised.isEmpty() ? host() : advertised;
    }

    public int socketRequestMaxBytes() {
        return values.get(SOCKET_REQUEST_MAX_BYTES);
    }

    public int numNetworkThreads() {
        return values.get(NUM_NETWORK_THREADS);
    }

    public int numIoThreads() {
        return values.get(NUM_IO_THREADS);
    }

    public boolean autoCreateTopicsEnable() {
        return values.get(AUTO_CREATE_TOPICS_ENABLE);
    }

    public int numPartitions() {
        return values.get(NUM_PARTITIONS);
    }

    public int defaultReplicationFactor() {
        return values.get(DEFAULT_REPLICATION_FACTOR);
    }

    public int messageMaxBytes() {
        return values.get(MESSAGE_MAX_BYTES);
    }

    public int offsetsTopicNumPartitions() {
        return values.get(OFFSETS_TOPIC_NUM_PARTITIONS);
    }

    /** The group coordinator's settings (keys declared in {@link GroupConfig}). */
    public GroupConfig groupConfig() {
        return groupConfig;
    }

    public Path logDir() {
        return logManagerConfig.logDir;
    }

    public LogManagerConfig logManagerConfig() {
        return logManagerConfig;
    }

    /** The topic configuration a topic gets for every key it does not set itself. */
    public LogConfig topicDefaults() {
        return topicDefaults;
    }

    /** Every accepted key with its effective value, for logs and DescribeConfigs. */
    public Map<String, Object> values() {
        return values.asMap();
    }

    @Override
    public String toString() {
        return "BrokerConfig" + values.asMap();
    }

    private static List<ConfigKey<?>> ownKeys() {
        List<ConfigKey<?>> keys = new ArrayList<>(List.of(NODE_ID, HOST, PORT, ADVERTISED_HOST,
            SOCKET_REQUEST_MAX_BYTES, NUM_NETWORK_THREADS, NUM_IO_THREADS, AUTO_CREATE_TOPICS_ENABLE, NUM_PARTITIONS,
            DEFAULT_REPLICATION_FACTOR, OFFSETS_TOPIC_NUM_PARTITIONS));
        keys.addAll(TOPIC_DEFAULTS.keySet());
        return keys;
    }

    private static List<ConfigKey<?>> acceptedKeys() {
        List<ConfigKey<?>> keys = ownKeys();
        keys.addAll(LogManagerConfig.DEFINITION.keys());
        keys.addAll(GroupConfig.DEFINITION.keys());
        return keys;
    }

    private static Map<ConfigKey<?>, ConfigKey<?>> topicDefaultKeys() {
        Map<ConfigKey<?>, ConfigKey<?>> keys = new LinkedHashMap<>();
        keys.put(LOG_SEGMENT_BYTES, LogConfig.SEGMENT_BYTES);
        keys.put(LOG_ROLL_MS, LogConfig.SEGMENT_MS);
        keys.put(LOG_INDEX_SIZE_MAX_BYTES, LogConfig.SEGMENT_INDEX_BYTES);
        keys.put(LOG_INDEX_INTERVAL_BYTES, LogConfig.INDEX_INTERVAL_BYTES);
        keys.put(LOG_RETENTION_MS, LogConfig.RETENTION_MS);
        keys.put(LOG_RETENTION_BYTES, LogConfig.RETENTION_BYTES);
        keys.put(LOG_CLEANUP_POLICY, LogConfig.CLEANUP_POLICY);
        keys.put(LOG_CLEANER_DELETE_RETENTION_MS, LogConfig.DELETE_RETENTION_MS);
        keys.put(LOG_CLEANER_MIN_COMPACTION_LAG_MS, LogConfig.MIN_COMPACTION_LAG_MS);
        keys.put(LOG_CLEANER_MIN_CLEANABLE_RATIO, LogConfig.MIN_CLEANABLE_DIRTY_RATIO);
        keys.put(MESSAGE_MAX_BYTES, LogConfig.MAX_MESSAGE_BYTES);
        keys.put(LOG_MESSAGE_TIMESTAMP_TYPE, LogConfig.MESSAGE_TIMESTAMP_TYPE);
        keys.put(LOG_FLUSH_INTERVAL_MESSAGES, LogConfig.FLUSH_MESSAGES);
        keys.put(LOG_FLUSH_INTERVAL_MS, LogConfig.FLUSH_MS);
        keys.put(LOG_SEGMENT_DELETE_DELAY_MS, LogConfig.FILE_DELETE_DELAY_MS);
        return keys;
    }

    // A topic-default key is typed like its topic key and validated by it (so bounds are declared once), with
    // the broker name in the error message.
    private static ConfigKey<Integer> intDefault(String name, ConfigKey<Integer> topicKey) {
        return derived(ConfigKey.intKey(name), topicKey);
    }

    private static ConfigKey<Long> longDefault(String name, ConfigKey<Long> topicKey) {
        return derived(ConfigKey.longKey(name), topicKey);
    }

    private static ConfigKey<Double> doubleDefault(String name, ConfigKey<Double> topicKey) {
        return derived(ConfigKey.doubleKey(name), topicKey);
    }

    private static ConfigKey<String> stringDefault(String name, ConfigKey<String> topicKey) {
        return derived(ConfigKey.stringKey(name), topicKey);
    }

    private static ConfigKey<List<String>> listDefault(String name, ConfigKey<List<String>> topicKey) {
        return derived(ConfigKey.listKey(name), topicKey);
    }

    private static <T> ConfigKey<T> derived(ConfigKey<T> brokerKey, ConfigKey<T> topicKey) {
        Validator<T> viaTopicKey = new Validator<>() {
            @Override
            public void ensureValid(String name, T value) {
                try {
                    topicKey.parse(value);
                } catch (ConfigException e) {
                    throw new ConfigException(e.getMessage().replace("'" + topicKey.name() + "'", "'" + name + "'"));
                }
            }

            @Override
            public String describe() {
                return topicKey.validValues();
            }
        };
        return brokerKey.defaultValue(topicKey.defaultValue()).validator(viaTopicKey)
            .importance(topicKey.importance())
            .doc("Default of the topic key `" + topicKey.name() + "`: " + topicKey.doc());
    }
}
