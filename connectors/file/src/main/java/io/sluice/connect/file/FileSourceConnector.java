package io.sluice.connect.file;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Streams the lines of one file or of every file matching a glob into a topic, following appends like
 * {@code tail -F}. See {@link FileSourceConfig} for the keys and {@link FileSourceTask} for offsets and ownership.
 *
 * <p>A single {@code file} gets one task; a glob gets {@code tasks.max} tasks that share the matching files by
 * path hash, so new files need no task reconfiguration.
 */
public final class FileSourceConnector extends SourceConnector {

    private Map<String, String> props;
    private FileSourceConfig config;

    @Override
    public String version() {
        return PluginVersion.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        this.config = new FileSourceConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return FileSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        int taskCount = config.isGlob() ? maxTasks : 1;
        List<Map<String, String>> configs = new ArrayList<>(taskCount);
        for (int index = 0; index < taskCount; index++) {
            Map<String, String> taskConfig = new HashMap<>(props);
            taskConfig.put(FileSourceConfig.TASK_INDEX_CONFIG, Integer.toString(index));
            taskConfig.put(FileSourceConfig.TASK_COUNT_CONFIG, Integer.toString(taskCount));
            configs.add(taskConfig);
        }
        return configs;
    }

    @Override
    public void stop() {
        // The tasks own every open file; the connector holds nothing to release.
    }

    @Override
    public ConfigDef config() {
        return FileSourceConfig.CONFIG_DEF;
    }

    /** Adds the file/files exclusivity rule, which a per-key ConfigDef validator cannot express, to 'file'. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        FileSourceConfig.fileSelectionError(connectorConfigs).ifPresent(error -> result.configValues().stream()
            .filter(value -> value.name().equals(FileSourceConfig.FILE_CONFIG))
            .forEach(value -> value.addErrorMessage(error.getMessage())));
        return result;
    }

    /**
     * Accepts offsets shaped like the ones the tasks write, so a PATCH cannot leave a file at an offset its task
     * would reject on start: partition {@code {"filename": path}}, offset {@code {"position": n, "line": n}} with
     * non-negative whole numbers, or a null offset (reset).
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        offsets.forEach((partition, offset) -> {
            if (partition == null || !(partition.get(FileSourceTask.FILENAME_FIELD) instanceof String)) {
                throw new ConnectException("A file source partition is {\"" + FileSourceTask.FILENAME_FIELD
                    + "\": \"<absolute path>\"}, not " + partition);
            }
            if (offset != null) {
                requireCount(partition, offset, FileSourceTask.POSITION_FIELD);
                requireCount(partition, offset, FileSourceTask.LINE_FIELD);
            }
        });
        return true;
    }

    private static void requireCount(Map<String, ?> partition, Map<String, ?> offset, String field) {
        Object value = offset.get(field);
        boolean wholeNumber = value instanceof Long || value instanceof Integer || value instanceof Short
            || value instanceof Byte;
        if (!wholeNumber || ((Number) value).longValue() < 0) {
            throw new ConnectException("Offset of " + partition + " needs '" + field
                + "' as a non-negative whole number, got " + offset);
        }
    }
}
