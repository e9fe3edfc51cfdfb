package io.sluice.connect.runtime;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The worker's own keys, with Kafka Connect's names so a Kafka Connect worker.properties works unchanged.
 *
 * <p>{@code bootstrap.servers} may be absent: the standalone entry point then starts an embedded broker and passes
 * its address in before building the {@link Worker}; the worker itself always needs it ({@link #bootstrapServers()}
 * fails naming the key otherwise). Converter keys hold class names (not {@code CLASS} values) because the class may
 * live on {@code plugin.path}, only visible to the plugin loaders.
 *
 * <p>Immutable and thread-safe.
 */
public final class WorkerConfig extends AbstractConfig {

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String KEY_CONVERTER = "key.converter";
    public static final String VALUE_CONVERTER = "value.converter";
    public static final String HEADER_CONVERTER = "header.converter";
    public static final String OFFSET_STORAGE_FILE_FILENAME = "offset.storage.file.filename";
    public static final String OFFSET_STORAGE_TOPIC = "offset.storage.topic";
    public static final String OFFSET_STORAGE_PARTITIONS = "offset.storage.partitions";
    public static final String OFFSET_STORAGE_REPLICATION_FACTOR = "offset.storage.replication.factor";
    public static final String OFFSET_FLUSH_INTERVAL_MS = "offset.flush.interval.ms";
    public static final String OFFSET_FLUSH_TIMEOUT_MS = "offset.flush.timeout.ms";
    public static final String PLUGIN_PATH = "plugin.path";
    public static final String LISTENERS = "listeners";
    public static final String REST_ADVERTISED_HOST_NAME = "rest.advertised.host.name";
    public static final String REST_ADVERTISED_PORT = "rest.advertised.port";
    public static final String REST_ADVERTISED_LISTENER = "rest.advertised.listener";
    public static final String TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS = "task.shutdown.graceful.timeout.ms";
    public static final String TOPIC_CREATION_ENABLE = "topic.creation.enable";
    public static final String CONNECTOR_CLIENT_CONFIG_OVERRIDE_POLICY = "connector.client.config.override.policy";

    public static final String PRODUCER_PREFIX = "producer.";
    public static final String CONSUMER_PREFIX = "consumer.";
    public static final String ADMIN_PREFIX = "admin.";

    static final String DEFAULT_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";
    static final String DEFAULT_HEADER_CONVERTER = "org.apache.kafka.connect.storage.SimpleHeaderConverter";

    /** Values of {@code connector.client.config.override.policy}. */
    public enum ClientOverridePolicy { All, None }

    private static final ConfigDef CONFIG = new ConfigDef()
        .define(BOOTSTRAP_SERVERS, Type.LIST, "", Importance.HIGH,
            "Kafka (or Sluice) brokers to connect to, host:port,...; empty starts an embedded broker "
                + "(standalone mode only).")
        .define(KEY_CONVERTER, Type.STRING, DEFAULT_CONVERTER, new ConfigDef.NonEmptyString(), Importance.HIGH,
            "Converter class for record keys, unless a connector sets its own; key.converter.* keys configure it.")
        .define(VALUE_CONVERTER, Type.STRING, DEFAULT_CONVERTER, new ConfigDef.NonEmptyString(), Importance.HIGH,
            "Converter class for record values, unless a connector sets its own; value.converter.* keys configure it.")
        .define(HEADER_CONVERTER, Type.STRING, DEFAULT_HEADER_CONVERTER, new ConfigDef.NonEmptyString(),
            Importance.LOW, "HeaderConverter class for record headers; header.converter.* keys configure it.")
        .define(OFFSET_STORAGE_FILE_FILENAME, Type.STRING, "", Importance.MEDIUM,
            "File that stores source offsets; when set it is used instead of offset.storage.topic.")
        .define(OFFSET_STORAGE_TOPIC, Type.STRING, "connect-offsets", new ConfigDef.NonEmptyString(),
            Importance.MEDIUM, "Compacted topic that stores source offsets when no offset file is set.")
        .define(OFFSET_STORAGE_PARTITIONS, Type.INT, 25, ConfigDef.Range.atLeast(1), Importance.LOW,
            "Partitions of the offset topic when the worker creates it.")
        .define(OFFSET_STORAGE_REPLICATION_FACTOR, Type.SHORT, (short) -1, Importance.LOW,
            "Replication factor of the offset topic when the worker creates it; -1 uses the broker's default.")
        .define(OFFSET_FLUSH_INTERVAL_MS, Type.LONG, 60_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
            "How often source tasks store offsets and sink tasks commit consumer offsets.")
        .define(OFFSET_FLUSH_TIMEOUT_MS, Type.LONG, 5_000L, ConfigDef.Range.atLeast(0), Importance.LOW,
            "How long an offset flush waits for in-flight records and the store before giving up this round.")
        .define(PLUGIN_PATH, Type.LIST, "", Importance.LOW,
            "Directories and jars holding plugins; each gets its own class loader.")
        .define(LISTENERS, Type.LIST, "http://:8083", Importance.LOW, "REST listeners, protocol://host:port,...")
        .define(REST_ADVERTISED_HOST_NAME, Type.STRING, null, Importance.LOW, "Host name given to other workers.")
        .define(REST_ADVERTISED_PORT, Type.INT, null, Importance.LOW, "Port given to other workers.")
        .define(REST_ADVERTISED_LISTENER, Type.STRING, null, Importance.LOW, "Protocol given to other workers.")
        .define(TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS, Type.LONG, 5_000L, ConfigDef.Range.atLeast(0), Importance.LOW,
            "How long a task may take to stop before it is abandoned.")
        .define(TOPIC_CREATION_ENABLE, Type.BOOLEAN, true, Importance.LOW,
            "Whether source connectors' topic.creation.* settings create their topics.")
        .define(CONNECTOR_CLIENT_CONFIG_OVERRIDE_POLICY, Type.STRING, ClientOverridePolicy.All.name(),
            ConfigDef.ValidString.in(ClientOverridePolicy.All.name(), ClientOverridePolicy.None.name()),
            Importance.MEDIUM, "Whether connectors may override producer/consumer/admin settings "
                + "(producer.override.*, consumer.override.*, admin.override.*): All or None.");

    public WorkerConfig(Map<String, String> props) {
        super(CONFIG, props);
    }

    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    /** @throws ConfigException when the key is empty (the embedded broker must have been started first) */
    public String bootstrapServers() {
        List<String> servers = getList(BOOTSTRAP_SERVERS);
        if (servers.isEmpty()) {
            throw new ConfigException(BOOTSTRAP_SERVERS, "", "the worker needs brokers; the standalone entry point "
                + "starts an embedded broker and sets this key when it is absent");
        }
        return String.join(",", servers);
    }

    public boolean hasBootstrapServers() {
        return !getList(BOOTSTRAP_SERVERS).isEmpty();
    }

    public long offsetFlushIntervalMs() {
        return getLong(OFFSET_FLUSH_INTERVAL_MS);
    }

    public long offsetFlushTimeoutMs() {
        return getLong(OFFSET_FLUSH_TIMEOUT_MS);
    }

    public long taskShutdownGracefulTimeoutMs() {
        return getLong(TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS);
    }

    public boolean topicCreationEnabled() {
        return getBoolean(TOPIC_CREATION_ENABLE);
    }

    public ClientOverridePolicy clientOverridePolicy() {
        return ClientOverridePolicy.valueOf(getString(CONNECTOR_CLIENT_CONFIG_OVERRIDE_POLICY));
    }

    public List<Path> pluginPath() {
        return getList(PLUGIN_PATH).stream().map(String::trim).filter(p -> !p.isEmpty()).map(Path::of).toList();
    }

    /** Client settings for one kind of client: the worker's {@code prefix.*} keys over the bootstrap servers. */
    Map<String, Object> clientProps(String prefix) {
        Map<String, Object> props = new HashMap<>();
        props.put(BOOTSTRAP_SERVERS, bootstrapServers());
        props.putAll(originalsWithPrefix(prefix));
        return props;
    }
}
