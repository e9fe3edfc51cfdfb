package io.sluice.connect.runtime;

import io.sluice.connect.runtime.isolation.Plugins;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkConnectorContext;
import org.apache.kafka.connect.source.SourceConnectorContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connector instance and its lifecycle. Every call into the plugin (initialize, start, stop, taskConfigs) runs
 * on the connector's own single thread, in submission order, with the plugin's loader as the thread context loader,
 * so a slow or hanging connector never blocks the herder longer than the bounded waits here.
 *
 * <p>States: INIT, then RUNNING (started), PAUSED or STOPPED (both stop the plugin instance; Kafka Connect does the
 * same), FAILED (start threw or the connector called {@code raiseError}; only a restart leaves it), and finally
 * SHUTDOWN. Each transition is reported to the {@link StatusListener}. {@code requestTaskReconfiguration} is
 * forwarded to the {@link ConnectorReconfigurationListener} while the connector runs.
 *
 * <p>Threading: public-to-the-worker methods may be called from any thread; {@code state} is only written on the
 * connector thread and read through volatile.
 */
final class WorkerConnector {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerConnector.class);
    private static final long CALL_TIMEOUT_MS = 30_000;

    private enum State { INIT, RUNNING, PAUSED, STOPPED, FAILED, SHUTDOWN }

    private final String name;
    private final Map<String, String> config;
    private final int tasksMax;
    private final Connector connector;
    private final ClassLoader loader;
    private final StatusListener statusListener;
    private final ConnectorReconfigurationListener reconfiguration;
    private final OffsetStorageReader offsetReader;
    private final PluginMetrics pluginMetrics;
    private final ExecutorService thread;
    private volatile State state = State.INIT;

    WorkerConnector(String name, Map<String, String> config, int tasksMax, Connector connector, ClassLoader loader,
                    StatusListener statusListener, ConnectorReconfigurationListener reconfiguration,
                    OffsetStorageReader offsetReader, PluginMetrics pluginMetrics) {
        this.name = name;
        this.config = Map.copyOf(config);
        this.tasksMax = tasksMax;
        this.connector = connector;
        this.loader = loader;
        this.statusListener = statusListener;
        this.reconfiguration = reconfiguration;
        this.offsetReader = offsetReader;
        this.pluginMetrics = pluginMetrics;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "connector-thread-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    Connector connector() {
        return connector;
    }

    boolean isSink() {
        return connector instanceof SinkConnector;
    }

    void start(Herder.TargetState initial) {
        thread.execute(() -> onConnectorThread(() -> {
            connector.initialize(connector instanceof SinkConnector ? new SinkContext() : new SourceContext());
            transition(initial);
        }));
    }

    void transitionTo(Herder.TargetState target) {
        thread.execute(() -> onConnectorThread(() -> transition(target)));
    }

    private void transition(Herder.TargetState target) {
        if (state == State.FAILED || state == State.SHUTDOWN) {
            return;
        }
        State previous = state;
        switch (target) {
            case RUNNING -> {
                if (previous == State.RUNNING) {
                    return;
                }
                connector.start(config);
                state = State.RUNNING;
                if (previous == State.PAUSED) {
                    statusListener.onResume(name);
                } else {
                    statusListener.onStartup(name);
                }
                if (previous == State.STOPPED) {
                    // Stopping removed the tasks; the herder recreates them from fresh task configs.
                    reconfiguration.requestTaskReconfiguration(name);
                }
            }
            case PAUSED -> {
                stopPluginIfRunning();
                state = State.PAUSED;
                statusListener.onPause(name);
            }
            case STOPPED -> {
                stopPluginIfRunning();
                state = State.STOPPED;
                statusListener.onStop(name);
            }
            default -> throw new IllegalArgumentException("Unknown target state " + target);
        }
    }

    private void stopPluginIfRunning() {
        if (state == State.RUNNING) {
            connector.stop();
        }
    }

    /** taskConfigs(tasks.max), or an empty list unless the connector runs. */
    List<Map<String, String>> taskConfigs() {
        return call(() -> {
            if (state != State.RUNNING) {
                return List.<Map<String, String>>of();
            }
            List<Map<String, String>> configs = connector.taskConfigs(tasksMax);
            if (configs.size() > tasksMax) {
                throw new ConnectException("Connector '" + name + "' returned " + configs.size()
                    + " task configs, more than its tasks.max of " + tasksMax);
            }
            return configs.stream().map(Map::copyOf).toList();
        });
    }

    /** Stops the plugin (when running) and the connector thread, waiting up to {@code timeoutMs}. */
    void shutdown(long timeoutMs) {
        thread.execute(() -> onConnectorThread(() -> {
            if (state == State.RUNNING) {
                connector.stop();
            }
            state = State.SHUTDOWN;
        }));
        thread.shutdown();
        try {
            if (!thread.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS)) {
                LOG.error("Connector '{}' did not stop within {} ms; abandoning it", name, timeoutMs);
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        statusListener.onShutdown(name);
    }

    private <T> T call(Callable<T> call) {
        Future<T> result = thread.submit(() -> {
            ClassLoader previous = Plugins.swapLoader(loader);
            try {
                return call.call();
            } finally {
                Plugins.swapLoader(previous);
            }
        });
        try {
            return result.get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ConnectException("Connector '" + name + "' failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while calling connector '" + name + "'", e);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new ConnectException("Connector '" + name + "' did not answer within " + CALL_TIMEOUT_MS + " ms", e);
        }
    }

    private void onConnectorThread(Runnable action) {
        ClassLoader previous = Plugins.swapLoader(loader);
        try {
            action.run();
        } catch (Throwable t) {
            fail(t);
        } finally {
            Plugins.swapLoader(previous);
        }
    }

    private void fail(Throwable cause) {
        LOG.error("Connector '{}' failed", name, cause);
        state = State.FAILED;
        statusListener.onFailure(name, cause);
    }

    /** The context the plugin gets: reconfiguration requests and errors raised by the connector. */
    private class BaseContext implements ConnectorContext {
        @Override
        public void requestTaskReconfiguration() {
            if (state == State.RUNNING) {
                reconfiguration.requestTaskReconfiguration(name);
            }
        }

        @Override
        public void raiseError(Exception e) {
            thread.execute(() -> fail(e));
        }

        @Override
        public PluginMetrics pluginMetrics() {
            return pluginMetrics;
        }
    }

    /** A source connector's context additionally reads its stored offsets. */
    private final class SourceContext extends BaseContext implements SourceConnectorContext {
        @Override
        public OffsetStorageReader offsetStorageReader() {
            return offsetReader;
        }
    }

    private final class SinkContext extends BaseContext implements SinkConnectorContext {
    }
}
