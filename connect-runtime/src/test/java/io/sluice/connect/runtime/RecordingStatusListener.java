package io.sluice.connect.runtime;

import io.sluice.connect.runtime.rest.entities.ConnectorTaskId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps the latest state of each connector and task as the worker reports it, with the failure if any. */
final class RecordingStatusListener implements StatusListener {
    final Map<String, String> connectors = new ConcurrentHashMap<>();
    final Map<ConnectorTaskId, String> tasks = new ConcurrentHashMap<>();
    final Map<Object, Throwable> failures = new ConcurrentHashMap<>();

    @Override
    public void onStartup(String connector) {
        connectors.put(connector, "RUNNING");
    }

    @Override
    public void onPause(String connector) {
        connectors.put(connector, "PAUSED");
    }

    @Override
    public void onResume(String connector) {
        connectors.put(connector, "RUNNING");
    }

    @Override
    public void onStop(String connector) {
        connectors.put(connector, "STOPPED");
    }

    @Override
    public void onFailure(String connector, Throwable cause) {
        failures.put(connector, cause);
        connectors.put(connector, "FAILED");
    }

    @Override
    public void onShutdown(String connector) {
        connectors.put(connector, "UNASSIGNED");
    }

    @Override
    public void onStartup(ConnectorTaskId id) {
        tasks.put(id, "RUNNING");
    }

    @Override
    public void onPause(ConnectorTaskId id) {
        tasks.put(id, "PAUSED");
    }

    @Override
    public void onResume(ConnectorTaskId id) {
        tasks.put(id, "RUNNING");
    }

    @Override
    public void onFailure(ConnectorTaskId id, Throwable cause) {
        failures.put(id, cause);
        tasks.put(id, "FAILED");
    }

    @Override
    public void onShutdown(ConnectorTaskId id) {
        tasks.put(id, "UNASSIGNED");
    }
}
