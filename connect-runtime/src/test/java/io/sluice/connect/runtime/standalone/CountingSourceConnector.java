package io.sluice.connect.runtime.standalone;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * A test source: each task writes "0", "1", "2", ... to {@code topic}, one record per poll up to {@code batch.size}
 * per poll, with the source offset {@code {"position": n}} under the partition {@code {"task": id}}, and resumes after
 * the last stored offset.
 */
public final class CountingSourceConnector extends SourceConnector {

    static final ConfigDef CONFIG = new ConfigDef()
        .define("topic", ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.HIGH,
            "Topic to write to.")
        .define("batch.size", ConfigDef.Type.INT, 10, ConfigDef.Range.atLeast(1), ConfigDef.Importance.LOW,
            "Records per poll.");

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        this.props = props;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return CountingTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>();
        for (int i = 0; i < maxTasks; i++) {
            configs.add(Map.of("topic", props.get("topic"), "task.id", Integer.toString(i),
                "batch.size", props.getOrDefault("batch.size", "10")));
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    @Override
    public String version() {
        return "1.0-test";
    }

    /** The task of {@link CountingSourceConnector}. */
    public static final class CountingTask extends SourceTask {
        private String topic;
        private Map<String, Object> partition;
        private int batchSize;
        private long next;

        @Override
        public void start(Map<String, String> props) {
            topic = props.get("topic");
            batchSize = Integer.parseInt(props.get("batch.size"));
            partition = Map.of("task", props.get("task.id"));
            Map<String, Object> stored = context.offsetStorageReader().offset(partition);
            next = stored == null ? 0 : ((Number) stored.get("position")).longValue() + 1;
        }

        @Override
        public List<SourceRecord> poll() throws InterruptedException {
            Thread.sleep(20);
            List<SourceRecord> records = new ArrayList<>();
            for (int i = 0; i < batchSize; i++) {
                records.add(new SourceRecord(partition, Map.of("position", next), topic, null, null, null,
                    Schema.STRING_SCHEMA, Long.toString(next)));
                next++;
            }
            return records;
        }

        @Override
        public void stop() {
        }

        @Override
        public String version() {
            return "1.0-test";
        }
    }
}
