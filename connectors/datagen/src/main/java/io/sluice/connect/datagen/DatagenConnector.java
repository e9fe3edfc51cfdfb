package io.sluice.connect.datagen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Generates deterministic, joinable demo data (users, clicks, orders; see {@link DataSet}) at a set rate. Runs
 * {@code tasks.max} tasks, each producing a stripe of the sequence space ({@link DatagenTask}).
 */
public final class DatagenConnector extends SourceConnector {

    private Map<String, String> props;

    @Override
    public String version() {
        return PluginVersion.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        new DatagenConfig(props); // fails the start with a ConfigException naming the bad key
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return DatagenTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int index = 0; index < maxTasks; index++) {
            Map<String, String> taskConfig = new HashMap<>(props);
            taskConfig.put(DatagenConfig.TASK_INDEX_CONFIG, Integer.toString(index));
            taskConfig.put(DatagenConfig.TASK_COUNT_CONFIG, Integer.toString(maxTasks));
            configs.add(taskConfig);
        }
        return configs;
    }

    @Override
    public void stop() {
        // Tasks hold all the state; the connector has nothing to release.
    }

    @Override
    public ConfigDef config() {
        return DatagenConfig.CONFIG_DEF;
    }

    /**
     * Accepts offsets shaped like the tasks' own: partition {@code {"data.set", "task", "tasks"}}, offset
     * {@code {"sequence": n}} with n a non-negative whole number, or null (reset).
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        offsets.forEach((partition, offset) -> {
            if (partition == null || !(partition.get(DatagenTask.DATA_SET_FIELD) instanceof String)
                    || !(partition.get(DatagenTask.TASK_FIELD) instanceof Number)
                    || !(partition.get(DatagenTask.TASKS_FIELD) instanceof Number)) {
                throw new ConnectException("A datagen partition is {\"data.set\": name, \"task\": index, "
                    + "\"tasks\": count}, not " + partition);
            }
            Object sequence = offset == null ? 0L : offset.get(DatagenTask.SEQUENCE_FIELD);
            if (!(sequence instanceof Long || sequence instanceof Integer) || ((Number) sequence).longValue() < 0) {
                throw new ConnectException("Offset of datagen partition " + partition
                    + " needs 'sequence' as a non-negative whole number, got " + offset);
            }
        });
        return true;
    }
}
