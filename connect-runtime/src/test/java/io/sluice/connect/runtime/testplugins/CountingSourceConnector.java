package io.sluice.connect.runtime.testplugins;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * A deterministic source for worker tests: one task emitting {@code record-0 .. record-<count-1>} (string values)
 * to {@code topic}, source partition {@code {"source": <name>}}, offset {@code {"position": n}}; it resumes after the
 * stored offset. {@code fail.in.start=true} makes the task throw from start().
 */
public class CountingSourceConnector extends SourceConnector {
    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        this.props = props;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return CountingSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef();
    }

    @Override
    public String version() {
        return "test";
    }
}
