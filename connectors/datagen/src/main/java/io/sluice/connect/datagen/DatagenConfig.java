package io.sluice.connect.datagen;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration of the datagen source. Every key is validated on its own by the {@link ConfigDef}, so a bad value
 * fails with a {@link ConfigException} naming the key. Tasks additionally carry {@code task.index} and
 * {@code task.count}, set by the connector, which stripe the sequence space over the tasks.
 */
public final class DatagenConfig extends AbstractConfig {

    public static final String DATA_SET_CONFIG = "data.set";
    public static final String TOPIC_CONFIG = "topic";
    public static final String SEED_CONFIG = "seed";
    public static final String RATE_CONFIG = "rate";
    public static final String MAX_RECORDS_CONFIG = "max.records";
    public static final String USERS_COUNT_CONFIG = "users.count";
    public static final String BOT_RATIO_CONFIG = "bot.ratio";
    public static final String TS_START_CONFIG = "ts.start";
    public static final String TS_STEP_MS_CONFIG = "ts.step.ms";
    public static final String BATCH_SIZE_CONFIG = "batch.size";
    static final String TASK_INDEX_CONFIG = "task.index";
    static final String TASK_COUNT_CONFIG = "task.count";

    /** 2024-01-01T00:00:00Z: a fixed start keeps the generated event times the same on every run. */
    static final long DEFAULT_TS_START = 1_704_067_200_000L;

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
        .define(DATA_SET_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
            ConfigDef.ValidString.in(Arrays.stream(DataSet.values()).map(DataSet::configName).toArray(String[]::new)),
            Importance.HIGH, "What to generate: 'users' (each user once, a table), 'clicks' or 'orders'.")
        .define(TOPIC_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
            Importance.HIGH, "Topic the records are written to.")
        .define(SEED_CONFIG, Type.LONG, 1L, Importance.MEDIUM,
            "Seed of the generator: the same seed and settings give the same records.")
        .define(RATE_CONFIG, Type.DOUBLE, 10.0, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
            "Records per second per task (a token bucket); 0 means as fast as possible.")
        .define(MAX_RECORDS_CONFIG, Type.LONG, null, DatagenConfig::ensureNullOrNotNegative, Importance.MEDIUM,
            "Records the connector produces in total before its tasks go idle; unset means no limit (for "
                + "'users': users.count, each user once).")
        .define(USERS_COUNT_CONFIG, Type.INT, 1000, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
            "Size of the user id space (user-0 .. user-<n-1>), shared by all data sets so they join.")
        .define(BOT_RATIO_CONFIG, Type.DOUBLE, 0.1, ConfigDef.Range.between(0.0, 1.0), Importance.LOW,
            "Share of clicks made by bots (a crawler user agent).")
        .define(TS_START_CONFIG, Type.LONG, DEFAULT_TS_START, Importance.LOW,
            "Event time (epoch ms) of sequence number 0.")
        .define(TS_STEP_MS_CONFIG, Type.LONG, 1000L, ConfigDef.Range.atLeast(0), Importance.LOW,
            "Event time advance per sequence number, in ms.")
        .define(BATCH_SIZE_CONFIG, Type.INT, 1000, ConfigDef.Range.atLeast(1), Importance.LOW,
            "Most records one poll returns.");

    static final ConfigDef TASK_CONFIG_DEF = new ConfigDef(CONFIG_DEF)
        .define(TASK_INDEX_CONFIG, Type.INT, 0, ConfigDef.Range.atLeast(0), Importance.LOW,
            "Index of this task among the connector's tasks (set by the connector).")
        .define(TASK_COUNT_CONFIG, Type.INT, 1, ConfigDef.Range.atLeast(1), Importance.LOW,
            "Number of tasks sharing the sequence space (set by the connector).");

    public DatagenConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    private DatagenConfig(ConfigDef definition, Map<String, String> props) {
        super(definition, props);
    }

    static DatagenConfig forTask(Map<String, String> props) {
        DatagenConfig config = new DatagenConfig(TASK_CONFIG_DEF, props);
        if (config.taskIndex() >= config.taskCount()) {
            throw new ConfigException(TASK_INDEX_CONFIG, config.taskIndex(),
                "must be below " + TASK_COUNT_CONFIG + "=" + config.taskCount());
        }
        return config;
    }

    public DataSet dataSet() {
        return DataSet.valueOf(getString(DATA_SET_CONFIG).toUpperCase(Locale.ROOT));
    }

    public String topic() {
        return getString(TOPIC_CONFIG);
    }

    public long seed() {
        return getLong(SEED_CONFIG);
    }

    public double rate() {
        return getDouble(RATE_CONFIG);
    }

    public int usersCount() {
        return getInt(USERS_COUNT_CONFIG);
    }

    public double botRatio() {
        return getDouble(BOT_RATIO_CONFIG);
    }

    public long tsStart() {
        return getLong(TS_START_CONFIG);
    }

    public long tsStepMs() {
        return getLong(TS_STEP_MS_CONFIG);
    }

    public int batchSize() {
        return getInt(BATCH_SIZE_CONFIG);
    }

    /** Sequence numbers below this are produced: max.records, else users.count for users, else no limit. */
    public long sequenceLimit() {
        Long max = getLong(MAX_RECORDS_CONFIG);
        if (max != null) {
            return max;
        }
        return dataSet() == DataSet.USERS ? usersCount() : Long.MAX_VALUE;
    }

    int taskIndex() {
        return getInt(TASK_INDEX_CONFIG);
    }

    int taskCount() {
        return getInt(TASK_COUNT_CONFIG);
    }

    private static void ensureNullOrNotNegative(String name, Object value) {
        if (value != null && (Long) value < 0) {
            throw new ConfigException(name, value, "must be at least 0 (or unset for no limit)");
        }
    }
}
