package io.sluice.connect.file;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Appends the records of the topics it consumes to one file, as text or JSON lines ({@link FileSinkConfig}).
 *
 * <p>Always one task, whatever {@code tasks.max}: several writers appending to one file would interleave partial
 * lines.
 */
public final class FileSinkConnector extends SinkConnector {

    private Map<String, String> props;

    @Override
    public String version() {
        return PluginVersion.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        new FileSinkConfig(props); // fails the start with a ConfigException naming the bad key
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return FileSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
        // The task owns the file; the connector holds nothing to release.
    }

    @Override
    public ConfigDef config() {
        return FileSinkConfig.CONFIG_DEF;
    }

    /** The file keeps no offsets of its own, so any consumer offsets the framework stores are fine. */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<TopicPartition, Long> offsets) {
        return true;
    }
}
