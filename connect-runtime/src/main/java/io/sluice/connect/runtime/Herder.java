package io.sluice.connect.runtime;

import io.sluice.connect.runtime.rest.entities.ConfigInfos;
import io.sluice.connect.runtime.rest.entities.ConnectorInfo;
import io.sluice.connect.runtime.rest.entities.ConnectorOffsets;
import io.sluice.connect.runtime.rest.entities.ConnectorStateInfo;
import io.sluice.connect.runtime.rest.entities.ConnectorTaskId;
import io.sluice.connect.runtime.rest.entities.PluginInfo;
import io.sluice.connect.runtime.rest.entities.TaskInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The control plane of a Connect worker: owns the connector configs and turns each change (create, reconfigure,
 * pause, stop, restart, delete) into work for the {@link Worker}. The REST API is a thin translation of HTTP onto
 * this interface; the standalone herder implements it for one worker, a distributed herder would for a group.
 *
 * <p>Errors are the Connect API's exceptions, each mapped to one HTTP status by the REST layer:
 * {@link org.apache.kafka.connect.errors.NotFoundException} (404, unknown connector or task),
 * {@link org.apache.kafka.connect.errors.AlreadyExistsException} (409, duplicate name),
 * {@link BadConnectorConfigException} (400, with the per-field validation result) and
 * {@link org.apache.kafka.connect.errors.ConnectException} for anything else (500).
 *
 * <p>Threading: every method is safe to call from any thread (REST request threads call it concurrently); calls
 * return once the change is recorded and the worker has been told, not necessarily once tasks have started
 * (statuses show where they are).
 */
public interface Herder {

    /** Names of all connectors, sorted. */
    List<String> connectors();

    ConnectorInfo connectorInfo(String name);

    Map<String, String> connectorConfig(String name);

    ConnectorStateInfo connectorStatus(String name);

    ConnectorStateInfo.TaskState taskStatus(ConnectorTaskId id);

    List<TaskInfo> taskConfigs(String name);

    /**
     * Creates or (when {@code allowReplace}) reconfigures a connector after validating its config.
     *
     * @param initialState {@code RUNNING} (default), {@code PAUSED} or {@code STOPPED}; only used on creation
     * @return the connector's info and whether it was created (true) or updated (false)
     */
    Created<ConnectorInfo> putConnectorConfig(String name, Map<String, String> config, TargetState initialState,
                                              boolean allowReplace);

    void deleteConnector(String name);

    /**
     * Restarts the connector and, with {@code includeTasks}, its tasks; with {@code onlyFailed} only the
     * instances whose state is FAILED.
     *
     * @return the status right after the restart was requested
     */
    ConnectorStateInfo restartConnector(String name, boolean includeTasks, boolean onlyFailed);

    void restartTask(ConnectorTaskId id);

    void pauseConnector(String name);

    void resumeConnector(String name);

    void stopConnector(String name);

    /** Validates a config without creating anything: the connector class's own ConfigDef plus the worker's keys. */
    ConfigInfos validateConnectorConfig(Map<String, String> config);

    /** Plugins found on the class path and {@code plugin.path}; connectors only unless {@code connectorsOnly} is false. */
    List<PluginInfo> connectorPlugins(boolean connectorsOnly);

    /** Topics the connector has produced to or consumed from since it was created or last reset. */
    Set<String> connectorActiveTopics(String name);

    void resetConnectorActiveTopics(String name);

    ConnectorOffsets connectorOffsets(String name);

    /** Alters offsets; only allowed while the connector is STOPPED. @return a human-readable result message */
    String alterConnectorOffsets(String name, ConnectorOffsets offsets);

    /** Resets all offsets; only allowed while the connector is STOPPED. @return a human-readable result message */
    String resetConnectorOffsets(String name);

    /** The Kafka cluster id this worker's internal topics and connectors use. */
    String kafkaClusterId();

    /** A value plus whether the call created it (HTTP 201) or found/updated an existing one (200). */
    record Created<T>(boolean created, T result) { }

    /** The state a connector is asked to be in, as opposed to the state it is observed in. */
    enum TargetState { RUNNING, PAUSED, STOPPED }
}
