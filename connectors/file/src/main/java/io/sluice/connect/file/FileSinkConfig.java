package io.sluice.connect.file;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Configuration of the file sink: the file appended to, the line format, and whether a flush also fsyncs. */
public final class FileSinkConfig extends AbstractConfig {

    public static final String FILE_CONFIG = "file";
    public static final String FORMAT_CONFIG = "format";
    public static final String FSYNC_CONFIG = "fsync";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
        .define(FILE_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
            Importance.HIGH, "Path of the file records are appended to (created with its directories if absent).")
        .define(FORMAT_CONFIG, Type.STRING, "text", ConfigDef.ValidString.in("text", "json"), Importance.MEDIUM,
            "'text': the value's string form, one per line. 'json': one JSON object per line with topic, "
                + "partition, offset, timestamp, key and value (structs and maps as objects).")
        .define(FSYNC_CONFIG, Type.BOOLEAN, false, Importance.LOW,
            "Whether each flush also forces the file to disk (fsync) before offsets are committed.");

    public FileSinkConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    public Path file() {
        return Path.of(getString(FILE_CONFIG)).toAbsolutePath();
    }

    public SinkFormat format() {
        return SinkFormat.valueOf(getString(FORMAT_CONFIG).toUpperCase(Locale.ROOT));
    }

    public boolean fsync() {
        return getBoolean(FSYNC_CONFIG);
    }
}
