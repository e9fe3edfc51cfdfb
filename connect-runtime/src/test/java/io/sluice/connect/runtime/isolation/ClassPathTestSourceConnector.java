package io.sluice.connect.runtime.isolation;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/** A connector on the test class path, listed in a ServiceLoader manifest of the test resources. */
public final class ClassPathTestSourceConnector extends SourceConnector {

    static final String VERSION = "0.0.7";
    static final String GREETING_CONFIG = "greeting";

    @Override
    public void start(Map<String, String> props) { }

    @Override
    public Class<? extends Task> taskClass() {
        return NoOpTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of();
    }

    @Override
    public void stop() { }

    @Override
    public ConfigDef config() {
        return new ConfigDef().define(GREETING_CONFIG, ConfigDef.Type.STRING, "hello", ConfigDef.Importance.LOW,
                "What to say.");
    }

    @Override
    public String version() {
        return VERSION;
    }

    /** The connector's task; never started by these tests. */
    public static final class NoOpTask extends SourceTask {
        @Override
        public String version() {
            return VERSION;
        }

        @Override
        public void start(Map<String, String> props) { }

        @Override
        public List<SourceRecord> poll() {
            return null;
        }

        @Override
        public void stop() { }
    }
}
