package io.sluice.streams;

import static io.sluice.log.config.Validator.atLeast;
import static io.sluice.log.config.Validator.oneOf;

import io.sluice.log.config.ConfigDef;
import io.sluice.log.config.ConfigException;
import io.sluice.log.config.ConfigKey;
import io.sluice.log.config.ConfigValues;
import io.sluice.log.config.Importance;
import io.sluice.streams.errors.DefaultProductionExceptionHandler;
import io.sluice.streams.errors.DeserializationExceptionHandler;
import io.sluice.streams.errors.LogAndFailExceptionHandler;
import io.sluice.streams.errors.LogAndFailProcessingExceptionHandler;
import io.sluice.streams.errors.ProcessingExceptionHandler;
import io.sluice.streams.errors.ProductionExceptionHandler;
import io.sluice.streams.processor.FailOnInvalidTimestamp;
import io.sluice.streams.processor.TimestampExtractor;
import io.sluice.streams.state.BuiltInDslStoreSuppliers;
import io.sluice.streams.state.DslStoreSuppliers;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Streams application's configuration, with Kafka Streams' key names and constants so existing configuration
 * code ports unchanged. Keys this class does not declare (producer, consumer and store settings) are kept and
 * passed on through {@link #originals()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class StreamsConfig {
    public static final String APPLICATION_ID_CONFIG = "application.id";
    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    public static final String APPLICATION_SERVER_CONFIG = "application.server";
    public static final String DEFAULT_KEY_SERDE_CLASS_CONFIG = "default.key.serde";
    public static final String DEFAULT_VALUE_SERDE_CLASS_CONFIG = "default.value.serde";
    public static final String DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG = "default.timestamp.extractor";
    public static final String DEFAULT_DSL_STORE_CONFIG = "default.dsl.store";
    public static final String DSL_STORE_SUPPLIERS_CLASS_CONFIG = "dsl.store.suppliers.class";
    public static final String STATE_DIR_CONFIG = "state.dir";
    public static final String COMMIT_INTERVAL_MS_CONFIG = "commit.interval.ms";
    public static final String NUM_STREAM_THREADS_CONFIG = "num.stream.threads";
    public static final String NUM_STANDBY_REPLICAS_CONFIG = "num.standby.replicas";
    public static final String STATE_CLEANUP_DELAY_MS_CONFIG = "state.cleanup.delay.ms";
    public static final String MAX_TASK_IDLE_MS_CONFIG = "max.task.idle.ms";
    /** {@code max.task.idle.ms} value: a task never waits for empty input partitions. */
    public static final long MAX_TASK_IDLE_MS_DISABLED = -1L;
    public static final String PROCESSING_GUARANTEE_CONFIG = "processing.guarantee";
    public static final String STATESTORE_CACHE_MAX_BYTES_CONFIG = "statestore.cache.max.bytes";
    public static final String DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG = "deserialization.exception.handler";
    /** @deprecated the name before Kafka Streams 4.0; read when {@code deserialization.exception.handler} is unset */
    @Deprecated
    public static final String DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG =
        "default.deserialization.exception.handler";
    public static final String PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG = "processing.exception.handler";
    public static final String PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG = "production.exception.handler";
    public static final String ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG = "errors.dead.letter.queue.topic.name";
    public static final String AT_LEAST_ONCE = "at_least_once";
    public static final String EXACTLY_ONCE_V2 = "exactly_once_v2";
    public static final String ROCKS_DB = "rocksDB";
    public static final String IN_MEMORY = "in_memory";

    static final ConfigKey<String> APPLICATION_ID = ConfigKey.stringKey(APPLICATION_ID_CONFIG).defaultValue("")
        .importance(Importance.HIGH)
        .doc("Names the application: its consumer group, the prefix of its internal topics and its state "
            + "directory. Required to run an app; the test driver uses a fixed one when absent.");
    static final ConfigKey<String> BOOTSTRAP_SERVERS = ConfigKey.stringKey(BOOTSTRAP_SERVERS_CONFIG)
        .defaultValue("").importance(Importance.HIGH)
        .doc("Brokers to connect to. When empty, the app starts an embedded broker with its data under state.dir.");
    static final ConfigKey<String> APPLICATION_SERVER = ConfigKey.stringKey(APPLICATION_SERVER_CONFIG)
        .defaultValue("").importance(Importance.LOW)
        .doc("host:port where this instance serves interactive queries, told to the other instances through the "
            + "group assignment. Empty: the instance is not queryable by others.");
    static final ConfigKey<String> DEFAULT_KEY_SERDE = ConfigKey.stringKey(DEFAULT_KEY_SERDE_CLASS_CONFIG)
        .defaultValue("").importance(Importance.MEDIUM)
        .doc("Serde class for keys where the topology gives none. Empty: every source, sink and store must name "
            + "one (Serdes.forClass gives one for any class).");
    static final ConfigKey<String> DEFAULT_VALUE_SERDE = ConfigKey.stringKey(DEFAULT_VALUE_SERDE_CLASS_CONFIG)
        .defaultValue("").importance(Importance.MEDIUM)
        .doc("Serde class for values where the topology gives none; see default.key.serde.");
    static final ConfigKey<String> DEFAULT_TIMESTAMP_EXTRACTOR =
        ConfigKey.stringKey(DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG)
            .defaultValue(FailOnInvalidTimestamp.class.getName()).importance(Importance.MEDIUM)
            .doc("TimestampExtractor class giving each input record its event time.");
    static final ConfigKey<String> DEFAULT_DSL_STORE = ConfigKey.stringKey(DEFAULT_DSL_STORE_CONFIG)
        .defaultValue(ROCKS_DB).validator(oneOf(ROCKS_DB, IN_MEMORY)).importance(Importance.LOW)
        .doc("Store type for DSL operators whose Materialized names no store supplier or type, when "
            + "dsl.store.suppliers.class is not set. Applies to topologies built with new StreamsBuilder(new "
            + "TopologyConfig(streamsConfig)).");
    static final ConfigKey<String> DSL_STORE_SUPPLIERS_CLASS = ConfigKey.stringKey(DSL_STORE_SUPPLIERS_CLASS_CONFIG)
        .defaultValue("").importance(Importance.LOW)
        .doc("DslStoreSuppliers class giving the stores of DSL operators whose Materialized names no store "
            + "supplier or type; wins over default.dsl.store. Empty: default.dsl.store decides. Applies to "
            + "topologies built with new StreamsBuilder(new TopologyConfig(streamsConfig)), as in Kafka Streams.");
    static final ConfigKey<String> STATE_DIR = ConfigKey.stringKey(STATE_DIR_CONFIG)
        .defaultValue(Path.of(System.getProperty("java.io.tmpdir"), "sluice-streams").toString())
        .importance(Importance.HIGH)
        .doc("Directory for state stores (and the embedded broker's data when bootstrap.servers is empty).");
    static final ConfigKey<Long> COMMIT_INTERVAL_MS = ConfigKey.longKey(COMMIT_INTERVAL_MS_CONFIG)
        .defaultValue(30_000L).validator(atLeast(0)).importance(Importance.LOW)
        .doc("How often to commit: flush stores and caches, flush the producer, commit offsets.");
    static final ConfigKey<Integer> NUM_STREAM_THREADS = ConfigKey.intKey(NUM_STREAM_THREADS_CONFIG)
        .defaultValue(1).validator(atLeast(1)).importance(Importance.MEDIUM)
        .doc("Processing threads per instance.");
    static final ConfigKey<Integer> NUM_STANDBY_REPLICAS = ConfigKey.intKey(NUM_STANDBY_REPLICAS_CONFIG)
        .defaultValue(0).validator(atLeast(0)).importance(Importance.LOW)
        .doc("Standby copies of each stateful task kept warm on other instances.");
    static final ConfigKey<Long> STATE_CLEANUP_DELAY_MS = ConfigKey.longKey(STATE_CLEANUP_DELAY_MS_CONFIG)
        .defaultValue(600_000L).validator(atLeast(1)).importance(Importance.LOW)
        .doc("How long a task directory under state.dir stays after this instance stopped using it (its task "
            + "moved away) before it is deleted; checked as often.");
    static final ConfigKey<Long> MAX_TASK_IDLE_MS = ConfigKey.longKey(MAX_TASK_IDLE_MS_CONFIG)
        .defaultValue(0L).validator(atLeast(MAX_TASK_IDLE_MS_DISABLED)).importance(Importance.MEDIUM)
        .doc("How long a task reading several partitions waits, while some of them have no buffered records, "
            + "before it processes the others anyway (their records could come out of timestamp order). A partition "
            + "with records on the broker not fetched yet is always waited for; 0: wait for nothing else; a positive "
            + "value: also wait that long for new records to be produced; -1: never wait.");
    static final ConfigKey<String> PROCESSING_GUARANTEE = ConfigKey.stringKey(PROCESSING_GUARANTEE_CONFIG)
        .defaultValue(AT_LEAST_ONCE).validator(oneOf(AT_LEAST_ONCE, EXACTLY_ONCE_V2)).importance(Importance.MEDIUM)
        .doc("at_least_once. exactly_once_v2 is refused by StreamsApp: it needs transactions, which Sluice does not "
            + "support yet.");

    static final ConfigKey<String> DESERIALIZATION_EXCEPTION_HANDLER =
        ConfigKey.stringKey(DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG)
            .defaultValue(LogAndFailExceptionHandler.class.getName()).importance(Importance.MEDIUM)
            .doc("DeserializationExceptionHandler class deciding whether an input record that cannot be "
                + "deserialized fails the task (LogAndFailExceptionHandler) or is skipped "
                + "(LogAndContinueExceptionHandler); either way it is logged with its topic, partition and offset.");
    @SuppressWarnings("deprecation")
    static final ConfigKey<String> OLD_DESERIALIZATION_EXCEPTION_HANDLER =
        ConfigKey.stringKey(DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG).defaultValue("")
            .importance(Importance.LOW)
            .doc("Deprecated name of deserialization.exception.handler, used only when that is not set.");
    static final ConfigKey<String> PROCESSING_EXCEPTION_HANDLER =
        ConfigKey.stringKey(PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG)
            .defaultValue(LogAndFailProcessingExceptionHandler.class.getName()).importance(Importance.MEDIUM)
            .doc("ProcessingExceptionHandler class deciding whether an exception thrown by a processor fails the "
                + "task (LogAndFailProcessingExceptionHandler) or skips the record at that processor "
                + "(LogAndContinueProcessingExceptionHandler).");
    static final ConfigKey<String> PRODUCTION_EXCEPTION_HANDLER =
        ConfigKey.stringKey(PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG)
            .defaultValue(DefaultProductionExceptionHandler.class.getName()).importance(Importance.MEDIUM)
            .doc("ProductionExceptionHandler class deciding whether an output record that cannot be serialized or "
                + "sent (e.g. too large for the topic) fails the task (DefaultProductionExceptionHandler) or is "
                + "skipped (LogAndContinueProductionExceptionHandler). Not consulted for changelog writes, which "
                + "always fail the task.");
    static final ConfigKey<String> ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME =
        ConfigKey.stringKey(ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG).defaultValue("").importance(Importance.LOW)
            .doc("Topic the built-in exception handlers send failed input records to, with headers describing the "
                + "failure. Empty: no dead letter queue.");

    public static final ConfigDef DEFINITION = new ConfigDef("Streams application settings", List.of(APPLICATION_ID,
        BOOTSTRAP_SERVERS, APPLICATION_SERVER, DEFAULT_KEY_SERDE, DEFAULT_VALUE_SERDE, DEFAULT_TIMESTAMP_EXTRACTOR,
        DEFAULT_DSL_STORE, DSL_STORE_SUPPLIERS_CLASS, STATE_DIR, COMMIT_INTERVAL_MS, NUM_STREAM_THREADS, NUM_STANDBY_REPLICAS,
        STATE_CLEANUP_DELAY_MS, MAX_TASK_IDLE_MS, PROCESSING_GUARANTEE,
        DESERIALIZATION_EXCEPTION_HANDLER, OLD_DESERIALIZATION_EXCEPTION_HANDLER, PROCESSING_EXCEPTION_HANDLER,
        PRODUCTION_EXCEPTION_HANDLER, ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME));

    private final Map<String, Object> originals;
    private final ConfigValues values;

    /** Keys for Sluice's own components, not part of the public configuration (named as Kafka Streams names them). */
    public static final class InternalConfig {
        /**
         * Wall-clock ms between scans of a left/outer stream-stream join's buffer of unmatched records (default
         * 1000 in an app; the test driver uses 0 unless set, so its results never wait for the wall clock).
         */
        public static final String EMIT_INTERVAL_MS_KSTREAMS_OUTER_JOIN_SPURIOUS_RESULTS_FIX =
            "__emit.interval.ms.kstreams.outer.join.spurious.results.fix__";

        private InternalConfig() {
        }
    }

    /**
     * @param props Kafka-style properties; class-valued keys may hold a {@code Class} or a class name
     * @throws ConfigException naming the first invalid key
     */
    public StreamsConfig(Map<?, ?> props) {
        Map<String, Object> copy = new HashMap<>();
        Map<String, Object> declared = new HashMap<>();
        props.forEach((key, value) -> {
            String name = String.valueOf(key);
            copy.put(name, value);
            if (DEFINITION.contains(name)) {
                declared.put(name, value instanceof Class<?> type ? type.getName() : value);
            }
        });
        this.originals = Map.copyOf(copy);
        this.values = DEFINITION.parse(declared);
    }

    /** Every key given, declared here or not (store, producer and consumer settings pass through). */
    public Map<String, Object> originals() {
        return originals;
    }

    public String applicationId() {
        return values.get(APPLICATION_ID);
    }

    public String bootstrapServers() {
        return values.get(BOOTSTRAP_SERVERS);
    }

    /** {@code application.server}: {@code host:port}, or empty. */
    public String applicationServer() {
        return values.get(APPLICATION_SERVER);
    }

    public Path stateDir() {
        return Path.of(values.get(STATE_DIR));
    }

    public long commitIntervalMs() {
        return values.get(COMMIT_INTERVAL_MS);
    }

    public long stateCleanupDelayMs() {
        return values.get(STATE_CLEANUP_DELAY_MS);
    }

    /** {@code max.task.idle.ms}: {@link #MAX_TASK_IDLE_MS_DISABLED}, or at least 0. */
    public long maxTaskIdleMs() {
        return values.get(MAX_TASK_IDLE_MS);
    }

    public int numStreamThreads() {
        return values.get(NUM_STREAM_THREADS);
    }

    public int numStandbyReplicas() {
        return values.get(NUM_STANDBY_REPLICAS);
    }

    public String processingGuarantee() {
        return values.get(PROCESSING_GUARANTEE);
    }

    /**
     * The store suppliers for DSL operators given none: {@code dsl.store.suppliers.class} if set, else the built-in
     * ones {@code default.dsl.store} names.
     */
    public DslStoreSuppliers dslStoreSuppliers() {
        if (!values.get(DSL_STORE_SUPPLIERS_CLASS).isEmpty()) {
            DslStoreSuppliers suppliers = instantiate(DSL_STORE_SUPPLIERS_CLASS, DslStoreSuppliers.class);
            suppliers.configure(originals);
            return suppliers;
        }
        return IN_MEMORY.equals(values.get(DEFAULT_DSL_STORE)) ? BuiltInDslStoreSuppliers.IN_MEMORY
            : BuiltInDslStoreSuppliers.ROCKS_DB;
    }

    /** The configured default key serde, configured for keys, or {@code null} when none is set. */
    public Serde<?> defaultKeySerde() {
        return serde(DEFAULT_KEY_SERDE, true);
    }

    /** The configured default value serde, configured for values, or {@code null} when none is set. */
    public Serde<?> defaultValueSerde() {
        return serde(DEFAULT_VALUE_SERDE, false);
    }

    public TimestampExtractor defaultTimestampExtractor() {
        return instantiate(DEFAULT_TIMESTAMP_EXTRACTOR, TimestampExtractor.class);
    }

    /** A new, configured deserialization exception handler (the deprecated key counts when the new one is unset). */
    public DeserializationExceptionHandler deserializationExceptionHandler() {
        boolean onlyOldKeySet = !originals.containsKey(DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG)
            && !values.get(OLD_DESERIALIZATION_EXCEPTION_HANDLER).isEmpty();
        DeserializationExceptionHandler handler = instantiate(
            onlyOldKeySet ? OLD_DESERIALIZATION_EXCEPTION_HANDLER : DESERIALIZATION_EXCEPTION_HANDLER,
            DeserializationExceptionHandler.class);
        handler.configure(originals);
        return handler;
    }

    /** A new, configured processing exception handler. */
    public ProcessingExceptionHandler processingExceptionHandler() {
        ProcessingExceptionHandler handler = instantiate(PROCESSING_EXCEPTION_HANDLER,
            ProcessingExceptionHandler.class);
        handler.configure(originals);
        return handler;
    }

    /** A new, configured production exception handler. */
    public ProductionExceptionHandler productionExceptionHandler() {
        ProductionExceptionHandler handler = instantiate(PRODUCTION_EXCEPTION_HANDLER,
            ProductionExceptionHandler.class);
        handler.configure(originals);
        return handler;
    }

    private Serde<?> serde(ConfigKey<String> key, boolean isKey) {
        if (values.get(key).isEmpty()) {
            return null;
        }
        Serde<?> serde = instantiate(key, Serde.class);
        serde.configure(originals, isKey);
        return serde;
    }

    private <T> T instantiate(ConfigKey<String> key, Class<T> type) {
        String className = values.get(key);
        try {
            Class<?> loaded = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
            return type.cast(loaded.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            throw ConfigException.invalid(key.name(), className,
                "expected a public " + type.getSimpleName() + " class with a public no-argument constructor (" + e
                    + ")");
        }
    }
}
