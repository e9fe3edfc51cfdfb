package io.sluice.connect.runtime.standalone;

import io.sluice.connect.runtime.rest.entities.ConnectorTaskId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * The observed state of every connector and task on this worker, as the worker reports it: Kafka Connect's state names
 * (UNASSIGNED, RUNNING, PAUSED, STOPPED, FAILED, RESTARTING) plus the stack trace of a failure.
 *
 * <p>Kept apart from the herder's config state on purpose: the worker reports from its own threads (a task's thread
 * reports its failure), possibly while the herder thread waits for that very task to stop, so reports must never need
 * the herder thread. Thread-safe: every method is a short critical section on this object and calls nothing outside.
 */
final class ConnectorStatuses {

    static final String UNASSIGNED = "UNASSIGNED";
    static final String RUNNING = "RUNNING";
    static final String PAUSED = "PAUSED";
    static final String STOPPED = "STOPPED";
    static final String FAILED = "FAILED";
    static final String RESTARTING = "RESTARTING";

    /** One observed state; {@code trace} is non-null only for FAILED. */
    record Status(String state, String trace) {

        static final Status UNASSIGNED_STATUS = new Status(UNASSIGNED, null);

        boolean failed() {
            return FAILED.equals(state);
        }
    }

    private final Map<String, Status> connectors = new HashMap<>();
    private final Map<ConnectorTaskId, Status> tasks = new HashMap<>();

    synchronized void put(String connector, String state) {
        connectors.put(connector, new Status(state, null));
    }

    synchronized void putFailed(String connector, Throwable cause) {
        connectors.put(connector, new Status(FAILED, trace(cause)));
    }

    synchronized void put(ConnectorTaskId task, String state) {
        tasks.put(task, new Status(state, null));
    }

    synchronized void putFailed(ConnectorTaskId task, Throwable cause) {
        tasks.put(task, new Status(FAILED, trace(cause)));
    }

    synchronized Status connector(String connector) {
        return connectors.getOrDefault(connector, Status.UNASSIGNED_STATUS);
    }

    synchronized Status task(ConnectorTaskId task) {
        return tasks.getOrDefault(task, Status.UNASSIGNED_STATUS);
    }

    /** Forgets the task statuses of {@code connector} from task {@code fromTask} on (its task count shrank to it). */
    synchronized void removeTasks(String connector, int fromTask) {
        tasks.keySet().removeIf(id -> id.connector().equals(connector) && id.task() >= fromTask);
    }

    synchronized void remove(String connector) {
        connectors.remove(connector);
        removeTasks(connector, 0);
    }

    private static String trace(Throwable cause) {
        StringWriter out = new StringWriter();
        cause.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
