package io.sluice.connect.runtime.rest.entities;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The observed state of a connector and its tasks: the body of {@code GET /connectors/{name}/status}. States are
 * Kafka Connect's names: UNASSIGNED, RUNNING, PAUSED, STOPPED, FAILED, RESTARTING. {@code trace} is the stack
 * trace of the failure and only present for FAILED.
 */
public record ConnectorStateInfo(String name, ConnectorState connector, List<TaskState> tasks, ConnectorType type) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConnectorState(String state, @JsonProperty("worker_id") String workerId, String trace) { }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TaskState(int id, String state, @JsonProperty("worker_id") String workerId, String trace) { }
}
