package io.sluice.connect.runtime;

import io.sluice.connect.runtime.errors.ToleranceType;
import io.sluice.connect.runtime.isolation.Plugins;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * The keys every connector config has, whatever its class, with Kafka Connect's names, defaults and validators:
 * identity ({@code name}, {@code connector.class}, {@code tasks.max}), converters, the transformation chain
 * ({@code transforms}, {@code predicates}) and error handling ({@code errors.*}).
 *
 * <p>Transformations and predicates are dynamic: {@link #enrich} adds, for each alias listed in {@code transforms},
 * the keys {@code transforms.<alias>.type}, {@code .predicate} and {@code .negate} plus every key of that
 * transformation's own {@code config()} under the {@code transforms.<alias>.} prefix (likewise for
 * {@code predicates}), so validation reports e.g. a missing {@code transforms.mask.fields} like any other key.
 * Plugin classes are resolved through {@link Plugins} in the connector's loader.
 *
 * <p>{@link SourceConnectorConfig} and {@link SinkConnectorConfig} add the keys of each kind. Instances are
 * immutable and thread-safe.
 */
public class ConnectorConfig extends AbstractConfig {

    public static final String NAME = "name";
    public static final String CONNECTOR_CLASS = "connector.class";
    public static final String TASKS_MAX = "tasks.max";
    public static final String KEY_CONVERTER = "key.converter";
    public static final String VALUE_CONVERTER = "value.converter";
    public static final String HEADER_CONVERTER = "header.converter";
    public static final String TRANSFORMS = "transforms";
    public static final String PREDICATES = "predicates";
    public static final String TRANSFORMS_PREFIX = "transforms.";
    public static final String PREDICATES_PREFIX = "predicates.";
    public static final String TYPE_SUFFIX = "type";
    public static final String PREDICATE_SUFFIX = "predicate";
    public static final String NEGATE_SUFFIX = "negate";
    public static final String ERRORS_RETRY_TIMEOUT = "errors.retry.timeout";
    public static final String ERRORS_RETRY_DELAY_MAX_MS = "errors.retry.delay.max.ms";
    public static final String ERRORS_TOLERANCE = "errors.tolerance";
    public static final String ERRORS_LOG_ENABLE = "errors.log.enable";
    public static final String ERRORS_LOG_INCLUDE_MESSAGES = "errors.log.include.messages";
    public static final String DLQ_TOPIC_NAME = "errors.deadletterqueue.topic.name";
    public static final String DLQ_TOPIC_REPLICATION_FACTOR = "errors.deadletterqueue.topic.replication.factor";
    public static final String DLQ_CONTEXT_HEADERS_ENABLE = "errors.deadletterqueue.context.headers.enable";

    public static final String PRODUCER_OVERRIDE_PREFIX = "producer.override.";
    public static final String CONSUMER_OVERRIDE_PREFIX = "consumer.override.";
    public static final String ADMIN_OVERRIDE_PREFIX = "admin.override.";

    static final String COMMON_GROUP = "Common";
    static final String TRANSFORMS_GROUP = "Transforms";
    static final String PREDICATES_GROUP = "Predicates";
    static final String ERROR_GROUP = "Error Handling";

    /** The keys shared by source and sink connectors. */
    public static ConfigDef configDef() {
        int order = 0;
        int errorOrder = 0;
        return new ConfigDef()
            .define(NAME, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyStringWithoutControlChars(),
                Importance.HIGH, "Globally unique name of the connector.", COMMON_GROUP, ++order, Width.MEDIUM,
                "Connector name")
            .define(CONNECTOR_CLASS, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                "Name or alias of the connector class, e.g. io.sluice.connectors.file.FileSourceConnector or "
                    + "FileSource.", COMMON_GROUP, ++order, Width.LONG, "Connector class")
            .define(TASKS_MAX, Type.INT, 1, ConfigDef.Range.atLeast(1), Importance.HIGH,
                "Maximum number of tasks for this connector.", COMMON_GROUP, ++order, Width.SHORT, "Tasks max")
            .define(KEY_CONVERTER, Type.STRING, null, Importance.LOW,
                "Converter class for keys; overrides the worker's key.converter.", COMMON_GROUP, ++order,
                Width.SHORT, "Key converter class")
            .define(VALUE_CONVERTER, Type.STRING, null, Importance.LOW,
                "Converter class for values; overrides the worker's value.converter.", COMMON_GROUP, ++order,
                Width.SHORT, "Value converter class")
            .define(HEADER_CONVERTER, Type.STRING, null, Importance.LOW,
                "HeaderConverter class for headers; overrides the worker's header.converter.", COMMON_GROUP,
                ++order, Width.SHORT, "Header converter class")
            .define(TRANSFORMS, Type.LIST, "", uniqueAliases(TRANSFORMS), Importance.LOW,
                "Aliases of the transformations applied to records, in order.", TRANSFORMS_GROUP, ++order,
                Width.LONG, "Transforms")
            .define(PREDICATES, Type.LIST, "", uniqueAliases(PREDICATES), Importance.LOW,
                "Aliases of the predicates transformations may be conditioned on.", PREDICATES_GROUP, ++order,
                Width.LONG, "Predicates")
            .define(ERRORS_RETRY_TIMEOUT, Type.LONG, 0L, Importance.MEDIUM,
                "Total time in ms a failed operation is retried for: 0 no retries, -1 forever.", ERROR_GROUP,
                ++errorOrder, Width.MEDIUM, "Retry Timeout for Errors")
            .define(ERRORS_RETRY_DELAY_MAX_MS, Type.LONG, 60_000L, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                "Longest delay in ms between two retries of a failed operation.", ERROR_GROUP, ++errorOrder,
                Width.MEDIUM, "Maximum Delay Between Retries for Errors")
            .define(ERRORS_TOLERANCE, Type.STRING, ToleranceType.NONE.value(),
                ConfigDef.CaseInsensitiveValidString.in(ToleranceType.NONE.value(), ToleranceType.ALL.value()),
                Importance.MEDIUM, "none: a failed record fails the task; all: failed records are skipped "
                    + "(and reported to the log / dead letter queue).", ERROR_GROUP, ++errorOrder, Width.SHORT,
                "Error Tolerance")
            .define(ERRORS_LOG_ENABLE, Type.BOOLEAN, false, Importance.MEDIUM,
                "Log each failed record with its error.", ERROR_GROUP, ++errorOrder, Width.SHORT, "Log Errors")
            .define(ERRORS_LOG_INCLUDE_MESSAGES, Type.BOOLEAN, false, Importance.MEDIUM,
                "Include the failed record's contents in the log.", ERROR_GROUP, ++errorOrder, Width.SHORT,
                "Log Error Details");
    }

    /** The dead letter queue keys: Kafka has them for sinks; Sluice also accepts them for sources. */
    static ConfigDef defineDeadLetterQueue(ConfigDef def) {
        int order = 100;
        return def
            .define(DLQ_TOPIC_NAME, Type.STRING, "", Importance.MEDIUM,
                "Topic that receives records that failed and were tolerated; empty disables it.", ERROR_GROUP,
                ++order, Width.MEDIUM, "Dead Letter Queue Topic Name")
            .define(DLQ_TOPIC_REPLICATION_FACTOR, Type.SHORT, (short) -1, Importance.MEDIUM,
                "Replication factor of the dead letter topic when it is created; -1 uses the broker's default.",
                ERROR_GROUP, ++order, Width.MEDIUM, "Dead Letter Queue Topic Replication Factor")
            .define(DLQ_CONTEXT_HEADERS_ENABLE, Type.BOOLEAN, false, Importance.MEDIUM,
                "Add __connect.errors.* headers describing the failure to each dead letter record.", ERROR_GROUP,
                ++order, Width.MEDIUM, "Enable Error Context Headers");
    }

    private static ConfigDef.Validator uniqueAliases(String key) {
        return (name, value) -> {
            if (value == null) {
                return;
            }
            @SuppressWarnings("unchecked")
            List<String> aliases = (List<String>) value;
            Set<String> seen = new HashSet<>();
            for (String alias : aliases) {
                if (!seen.add(alias)) {
                    throw new ConfigException(key, value, "Duplicate alias provided: '" + alias + "'");
                }
            }
        };
    }

    protected ConnectorConfig(ConfigDef definition, Map<String, String> props) {
        super(definition, props);
    }

    /** Source or sink config for {@code props}, enriched with its transformations' and predicates' keys. */
    public static ConnectorConfig of(Plugins plugins, Map<String, String> props, boolean sink) {
        ConfigDef base = sink ? SinkConnectorConfig.configDef() : SourceConnectorConfig.configDef();
        ConfigDef enriched = enrich(plugins, base, props);
        return sink ? new SinkConnectorConfig(enriched, props) : new SourceConnectorConfig(enriched, props);
    }

    /**
     * Adds the keys of every transformation and predicate alias in {@code props} to a copy of {@code base}. An alias
     * whose class cannot be loaded gets only its {@code type} key, whose validator reports the problem.
     */
    public static ConfigDef enrich(Plugins plugins, ConfigDef base, Map<String, String> props) {
        ConfigDef enriched = new ConfigDef(base);
        ClassLoader loader = connectorLoaderOrNull(plugins, props.get(CONNECTOR_CLASS));
        List<String> predicates = aliases(props.get(PREDICATES));
        int order = 0;
        for (String alias : aliases(props.get(TRANSFORMS))) {
            String prefix = TRANSFORMS_PREFIX + alias + ".";
            String group = "Transforms: " + alias;
            enriched.define(prefix + TYPE_SUFFIX, Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                    (name, value) -> newTransformation(plugins, loader, name, value), Importance.HIGH,
                    "Class for the '" + alias + "' transformation.", group, ++order, Width.LONG,
                    "Transformation type for " + alias)
                .define(prefix + PREDICATE_SUFFIX, Type.STRING, "", predicateExists(predicates), Importance.MEDIUM,
                    "Alias of the predicate that decides whether the transformation applies.", group, ++order,
                    Width.LONG, "Predicate for " + alias)
                .define(prefix + NEGATE_SUFFIX, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Apply the transformation to records that do NOT match the predicate.", group, ++order,
                    Width.SHORT, "Negate the predicate for " + alias);
            String className = props.get(prefix + TYPE_SUFFIX);
            ConfigDef own = ownConfigDef(() -> newTransformation(plugins, loader, prefix + TYPE_SUFFIX, className));
            enriched.embed(prefix, group, ++order, own);
        }
        for (String alias : predicates) {
            String prefix = PREDICATES_PREFIX + alias + ".";
            String group = "Predicates: " + alias;
            enriched.define(prefix + TYPE_SUFFIX, Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                (name, value) -> newPredicate(plugins, loader, name, value), Importance.HIGH,
                "Class for the '" + alias + "' predicate.", group, ++order, Width.LONG, "Predicate type for " + alias);
            String className = props.get(prefix + TYPE_SUFFIX);
            ConfigDef own = ownConfigDef(() -> newPredicate(plugins, loader, prefix + TYPE_SUFFIX, className));
            enriched.embed(prefix, group, ++order, own);
        }
        return enriched;
    }

    private static ConfigDef.Validator predicateExists(List<String> predicates) {
        return (name, value) -> {
            if (value != null && !value.toString().isEmpty() && !predicates.contains(value.toString())) {
                throw new ConfigException(name, value, "Predicate '" + value + "' is not listed in '" + PREDICATES
                    + "' " + predicates);
            }
        };
    }

    private static ClassLoader connectorLoaderOrNull(Plugins plugins, String connectorClass) {
        if (connectorClass == null || connectorClass.isBlank()) {
            return null;
        }
        try {
            return plugins.connectorLoader(connectorClass);
        } catch (RuntimeException notFound) {
            // connector.class is validated on its own; transforms then resolve in the worker's loader.
            return null;
        }
    }

    /** A plugin's own keys; empty when its class is missing or broken (the type key's validator reports why). */
    private static ConfigDef ownConfigDef(java.util.function.Supplier<? extends org.apache.kafka.connect.components
        .ConnectPlugin> plugin) {
        try {
            Object instance = plugin.get();
            ConfigDef def = instance instanceof Transformation<?> t ? t.config()
                : instance instanceof Predicate<?> p ? p.config() : null;
            return def == null ? new ConfigDef() : def;
        } catch (RuntimeException invalid) {
            return new ConfigDef();
        }
    }

    private static <R extends ConnectRecord<R>> Transformation<R> newTransformation(Plugins plugins,
                                                                                 ClassLoader loader, String key,
                                                                                 Object className) {
        requireClassName(key, className);
        try {
            return plugins.newTransformation(className.toString(), loader);
        } catch (RuntimeException e) {
            throw new ConfigException(key, className, e.getMessage());
        }
    }

    private static <R extends ConnectRecord<R>> Predicate<R> newPredicate(Plugins plugins, ClassLoader loader,
                                                                       String key, Object className) {
        requireClassName(key, className);
        try {
            return plugins.newPredicate(className.toString(), loader);
        } catch (RuntimeException e) {
            throw new ConfigException(key, className, e.getMessage());
        }
    }

    private static void requireClassName(String key, Object className) {
        if (className == null || className.toString().isBlank()) {
            throw new ConfigException(key, className, "Missing class name");
        }
    }

    private static List<String> aliases(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        List<String> aliases = new ArrayList<>();
        for (String alias : list.split(",")) {
            if (!alias.isBlank() && !aliases.contains(alias.trim())) {
                aliases.add(alias.trim());
            }
        }
        return aliases;
    }

    public String name() {
        return getString(NAME);
    }

    public String connectorClass() {
        return getString(CONNECTOR_CLASS);
    }

    public int tasksMax() {
        return getInt(TASKS_MAX);
    }

    public ToleranceType errorsTolerance() {
        return ToleranceType.of(getString(ERRORS_TOLERANCE).toLowerCase(Locale.ROOT));
    }

    public long errorsRetryTimeoutMs() {
        return getLong(ERRORS_RETRY_TIMEOUT);
    }

    public long errorsRetryDelayMaxMs() {
        return getLong(ERRORS_RETRY_DELAY_MAX_MS);
    }

    public boolean errorsLogEnable() {
        return getBoolean(ERRORS_LOG_ENABLE);
    }

    public boolean errorsLogIncludeMessages() {
        return getBoolean(ERRORS_LOG_INCLUDE_MESSAGES);
    }

    public String dlqTopic() {
        return getString(DLQ_TOPIC_NAME).trim();
    }

    public short dlqReplicationFactor() {
        return getShort(DLQ_TOPIC_REPLICATION_FACTOR);
    }

    public boolean dlqContextHeaders() {
        return getBoolean(DLQ_CONTEXT_HEADERS_ENABLE);
    }

    public List<String> transformAliases() {
        return getList(TRANSFORMS);
    }

    /** Keys under {@code transforms.<alias>.} (or {@code predicates.<alias>.}) with the prefix stripped. */
    public Map<String, Object> pluginProps(String prefix) {
        return originalsWithPrefix(prefix);
    }
}
