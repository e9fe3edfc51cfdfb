package io.sluice.connect.runtime.standalone;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceConnector;

/** A test source whose {@code start} throws, to check that the failure shows in the status and nowhere else. */
public final class FailingSourceConnector extends SourceConnector {

    static final String FAILURE = "boom from FailingSourceConnector.start";

    @Override
    public void start(Map<String, String> props) {
        throw new ConnectException(FAILURE);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return CountingSourceConnector.CountingTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of();
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
        return "1.0-test";
    }
}
