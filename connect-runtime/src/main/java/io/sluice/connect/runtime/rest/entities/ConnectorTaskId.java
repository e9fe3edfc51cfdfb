package io.sluice.connect.runtime.rest.entities;

/** Identifies one task of a connector; JSON {@code {"connector": "...", "task": 0}}. */
public record ConnectorTaskId(String connector, int task) implements Comparable<ConnectorTaskId> {

    @Override
    public int compareTo(ConnectorTaskId other) {
        int byConnector = connector.compareTo(other.connector);
        return byConnector != 0 ? byConnector : Integer.compare(task, other.task);
    }

    @Override
    public String toString() {
        return connector + "-" + task;
    }
}
