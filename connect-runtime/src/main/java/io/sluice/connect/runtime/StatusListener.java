package io.sluice.connect.runtime;

import io.sluice.connect.runtime.rest.entities.ConnectorTaskId;

/**
 * Told by the {@link Worker} whenever a connector or task instance changes state; the herder implements it to keep
 * the statuses the REST API shows. {@code onShutdown} means the instance is gone (UNASSIGNED); {@code onStop} that
 * the connector was stopped on request (STOPPED). {@code onFailure} carries the cause whose stack trace the status
 * shows.
 *
 * <p>Threading: called from the worker's connector and task threads, possibly concurrently; implementations must
 * be thread-safe and must not call back into the worker while holding their own locks.
 */
public interface StatusListener {

    void onStartup(String connector);

    void onPause(String connector);

    void onResume(String connector);

    void onStop(String connector);

    void onFailure(String connector, Throwable cause);

    void onShutdown(String connector);

    void onStartup(ConnectorTaskId id);

    void onPause(ConnectorTaskId id);

    void onResume(ConnectorTaskId id);

    void onFailure(ConnectorTaskId id, Throwable cause);

    void onShutdown(ConnectorTaskId id);
}
