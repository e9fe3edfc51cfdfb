package io.sluice.connect.file;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration of the file source: which files to tail, where their lines go, and how they are read.
 *
 * <p>Exactly one of {@code file} (one path) and {@code files} (a glob) is set; the constructor rejects anything
 * else with a {@link ConfigException} naming the key. Tasks additionally carry {@code task.index} and
 * {@code task.count} (set by the connector, not by users), which decide the files a task owns.
 */
public final class FileSourceConfig extends AbstractConfig {

    public static final String FILE_CONFIG = "file";
    public static final String FILES_CONFIG = "files";
    public static final String TOPIC_CONFIG = "topic";
    public static final String BATCH_SIZE_CONFIG = "batch.size";
    public static final String POLL_INTERVAL_MS_CONFIG = "poll.interval.ms";
    public static final String ENCODING_CONFIG = "encoding";
    public static final String KEY_MODE_CONFIG = "key.mode";
    static final String TASK_INDEX_CONFIG = "task.index";
    static final String TASK_COUNT_CONFIG = "task.count";

    /** How a record's key is chosen. */
    public enum KeyMode { NONE, FILENAME }

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
        .define(FILE_CONFIG, Type.STRING, null, Importance.HIGH,
            "Path of the one file to tail. Set this or 'files', not both.")
        .define(FILES_CONFIG, Type.STRING, null, Importance.HIGH,
            "Glob of the files to tail, e.g. /data/in/*.log ('**' crosses directories); files that start to match "
                + "later are picked up. Set this or 'file', not both.")
        .define(TOPIC_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
            Importance.HIGH, "Topic the lines are written to.")
        .define(BATCH_SIZE_CONFIG, Type.INT, 2000, ConfigDef.Range.atLeast(1), Importance.LOW,
            "Most lines one poll returns, over all the files of a task.")
        .define(POLL_INTERVAL_MS_CONFIG, Type.LONG, 1000L, ConfigDef.Range.atLeast(1), Importance.LOW,
            "How long a poll waits when no file has a new complete line, and how often the glob is rescanned.")
        .define(ENCODING_CONFIG, Type.STRING, "UTF-8", FileSourceConfig::ensureLineCompatibleCharset,
            Importance.LOW, "Character set of the files. It must encode '\\n' as the single byte 0x0A "
                + "(UTF-8, US-ASCII, ISO-8859-*, windows-125x do; UTF-16 does not).")
        .define(KEY_MODE_CONFIG, Type.STRING, "none",
            ConfigDef.ValidString.in(lowerCaseNames(KeyMode.values())), Importance.LOW,
            "Record key: 'none' (null key) or 'filename' (the file's absolute path, so a file's lines share a "
                + "partition).");

    static final ConfigDef TASK_CONFIG_DEF = new ConfigDef(CONFIG_DEF)
        .define(TASK_INDEX_CONFIG, Type.INT, 0, ConfigDef.Range.atLeast(0), Importance.LOW,
            "Index of this task among the connector's tasks (set by the connector).")
        .define(TASK_COUNT_CONFIG, Type.INT, 1, ConfigDef.Range.atLeast(1), Importance.LOW,
            "Number of tasks the connector's files are spread over (set by the connector).");

    public FileSourceConfig(Map<String, String> props) {
        this(CONFIG_DEF, props);
    }

    private FileSourceConfig(ConfigDef definition, Map<String, String> props) {
        super(definition, props);
        Optional<ConfigException> conflict = fileSelectionError(props);
        if (conflict.isPresent()) {
            throw conflict.get();
        }
    }

    static FileSourceConfig forTask(Map<String, String> props) {
        FileSourceConfig config = new FileSourceConfig(TASK_CONFIG_DEF, props);
        if (config.taskIndex() >= config.taskCount()) {
            throw new ConfigException(TASK_INDEX_CONFIG, config.taskIndex(),
                "must be below " + TASK_COUNT_CONFIG + "=" + config.taskCount());
        }
        return config;
    }

    /** The cross-field rule on {@code file}/{@code files}; empty when exactly one of them is set. */
    static Optional<ConfigException> fileSelectionError(Map<String, String> props) {
        boolean single = isSet(props.get(FILE_CONFIG));
        boolean glob = isSet(props.get(FILES_CONFIG));
        if (single && glob) {
            return Optional.of(new ConfigException(FILE_CONFIG, props.get(FILE_CONFIG),
                "'file' and 'files' are both set (files=" + props.get(FILES_CONFIG) + "); set only one"));
        }
        if (!single && !glob) {
            return Optional.of(new ConfigException(FILE_CONFIG, props.get(FILE_CONFIG),
                "set 'file' (one path) or 'files' (a glob)"));
        }
        return Optional.empty();
    }

    /** The files this connector reads, as configured (before task ownership is applied). */
    public FileSet fileSet() {
        String single = getString(FILE_CONFIG);
        return isSet(single) ? FileSet.single(Path.of(single)) : FileSet.glob(getString(FILES_CONFIG));
    }

    public boolean isGlob() {
        return !isSet(getString(FILE_CONFIG));
    }

    public String topic() {
        return getString(TOPIC_CONFIG);
    }

    public int batchSize() {
        return getInt(BATCH_SIZE_CONFIG);
    }

    public long pollIntervalMs() {
        return getLong(POLL_INTERVAL_MS_CONFIG);
    }

    public Charset encoding() {
        return Charset.forName(getString(ENCODING_CONFIG));
    }

    public KeyMode keyMode() {
        return KeyMode.valueOf(getString(KEY_MODE_CONFIG).toUpperCase(Locale.ROOT));
    }

    int taskIndex() {
        return getInt(TASK_INDEX_CONFIG);
    }

    int taskCount() {
        return getInt(TASK_COUNT_CONFIG);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static String[] lowerCaseNames(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
    }

    /** Lines are split on the byte 0x0A, which is only sound when the charset encodes '\n' as exactly that byte. */
    private static void ensureLineCompatibleCharset(String name, Object value) {
        Charset charset;
        try {
            charset = Charset.forName((String) value);
        } catch (IllegalArgumentException e) { // also IllegalCharsetName- and UnsupportedCharsetException
            throw new ConfigException(name, value, "not a character set this JVM supports");
        }
        if (!charset.canEncode() || !Arrays.equals("\n".getBytes(charset), new byte[] {'\n'})) {
            throw new ConfigException(name, value, "lines cannot be split on the byte 0x0A in this character set");
        }
    }
}
