package io.sluice.connect.runtime.standalone;

import io.sluice.connect.runtime.BadConnectorConfigException;
import io.sluice.connect.runtime.BadRequestException;
import io.sluice.connect.runtime.ConnectorConfigValidator;
import io.sluice.connect.runtime.Herder;
import io.sluice.connect.runtime.StatusListener;
import io.sluice.connect.runtime.Worker;
import io.sluice.connect.runtime.WorkerConfig;
import io.sluice.connect.runtime.isolation.Plugins;
import io.sluice.connect.runtime.rest.entities.ConfigInfos;
import io.sluice.connect.runtime.rest.entities.ConnectorInfo;
import io.sluice.connect.runtime.rest.entities.ConnectorOffsets;
import io.sluice.connect.runtime.rest.entities.ConnectorStateInfo;
import io.sluice.connect.runtime.rest.entities.ConnectorTaskId;
import io.sluice.connect.runtime.rest.entities.ConnectorType;
import io.sluice.connect.runtime.rest.entities.PluginInfo;
import io.sluice.connect.runtime.rest.entities.TaskInfo;
import io.sluice.connect.runtime.standalone.ConnectorStatuses.Status;
import io.sluice.connect.storage.OffsetBackingStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.connect.errors.AlreadyExistsException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The herder of standalone mode: one {@link Worker}, connector configs in memory (those given on the command line, plus
 * those created over REST, which live until the process ends, as in Kafka Connect's standalone mode).
 *
 * <p>Threading: every change and every read of the config state runs on one herder thread, so concurrent REST calls
 * see a consistent order of changes without locks; callers wait for their call's result (at most
 * {@value #REQUEST_TIMEOUT_MS} ms). Requests from connectors to regenerate their task configs, and the worker's reports
 * that a connector started, are queued on that thread without waiting, so a connector calling back from inside
 * {@code start()} never deadlocks. The worker's status reports go to {@link ConnectorStatuses}, which never needs the
 * herder thread: the herder may be waiting for a task to stop while that task reports its shutdown.
 *
 * <p>Per connector the herder keeps its config, its target state and the task configs it last generated. Invariants:
 * a STOPPED connector has no task configs (so no tasks); task configs are regenerated only while the connector is
 * RUNNING, and tasks are restarted only when their configs changed; offsets may be altered or reset only while STOPPED.
 */
public final class StandaloneHerder implements Herder, StatusListener, AutoCloseable {

    static final long REQUEST_TIMEOUT_MS = 90_000;

    private static final Logger LOG = LoggerFactory.getLogger(StandaloneHerder.class);

    /** One connector as the herder knows it; touched only on the herder thread. */
    private static final class ConnectorState {
        Map<String, String> config;
        TargetState target;
        List<Map<String, String>> taskConfigs = List.of();

        ConnectorState(Map<String, String> config, TargetState target) {
            this.config = config;
            this.target = target;
        }
    }

    private final Worker worker;
    private final ConnectorConfigValidator validator;
    private final ConnectorStatuses statuses = new ConnectorStatuses();
    private final Map<String, ConnectorState> connectors = new TreeMap<>();
    private final ExecutorService herderThread;
    private volatile Thread herderThreadInstance;

    /** Builds the herder and its worker, which reports to this herder; nothing runs before {@link #start()}. */
    public StandaloneHerder(String workerId, WorkerConfig config, Plugins plugins, OffsetBackingStore offsetStore) {
        this.worker = new Worker(workerId, config, plugins, offsetStore, this);
        this.validator = new ConnectorConfigValidator(plugins);
        this.herderThread = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sluice-connect-herder");
            thread.setDaemon(true);
            herderThreadInstance = thread;
            return thread;
        });
    }

    public void start() {
        worker.start();
    }

    public String workerId() {
        return worker.workerId();
    }

    // ---- Herder: reads ----

    @Override
    public List<String> connectors() {
        return call(() -> List.copyOf(connectors.keySet()));
    }

    @Override
    public ConnectorInfo connectorInfo(String name) {
        return call(() -> info(name, require(name)));
    }

    @Override
    public Map<String, String> connectorConfig(String name) {
        return call(() -> Map.copyOf(require(name).config));
    }

    @Override
    public ConnectorStateInfo connectorStatus(String name) {
        return call(() -> {
            ConnectorState connector = require(name);
            Status status = statuses.connector(name);
            List<ConnectorStateInfo.TaskState> tasks = new ArrayList<>();
            for (int task = 0; task < connector.taskConfigs.size(); task++) {
                tasks.add(taskState(new ConnectorTaskId(name, task)));
            }
            return new ConnectorStateInfo(name,
                new ConnectorStateInfo.ConnectorState(status.state(), worker.workerId(), status.trace()), tasks,
                type(connector));
        });
    }

    @Override
    public ConnectorStateInfo.TaskState taskStatus(ConnectorTaskId id) {
        return call(() -> {
            ConnectorState connector = connectors.get(id.connector());
            if (connector == null || id.task() < 0 || id.task() >= connector.taskConfigs.size()) {
                throw new NotFoundException("No status found for task " + id);
            }
            return taskState(id);
        });
    }

    @Override
    public List<TaskInfo> taskConfigs(String name) {
        return call(() -> {
            List<TaskInfo> tasks = new ArrayList<>();
            List<Map<String, String>> configs = require(name).taskConfigs;
            for (int task = 0; task < configs.size(); task++) {
                tasks.add(new TaskInfo(new ConnectorTaskId(name, task), configs.get(task)));
            }
            return tasks;
        });
    }

    @Override
    public Set<String> connectorActiveTopics(String name) {
        return call(() -> {
            require(name);
            return Set.copyOf(worker.activeTopics(name));
        });
    }

    @Override
    public ConnectorOffsets connectorOffsets(String name) {
        return call(() -> worker.offsets(name, require(name).config));
    }

    @Override
    public ConfigInfos validateConnectorConfig(Map<String, String> config) {
        return validator.validate(config);
    }

    @Override
    public List<PluginInfo> connectorPlugins(boolean connectorsOnly) {
        return validator.plugins(connectorsOnly);
    }

    @Override
    public String kafkaClusterId() {
        return worker.kafkaClusterId();
    }

    // ---- Herder: changes ----

    @Override
    public Created<ConnectorInfo> putConnectorConfig(String name, Map<String, String> config, TargetState initialState,
                                                     boolean allowReplace) {
        // Validation may load classes and call the connector's validate(); it needs no herder state.
        ConfigInfos validation = validator.validate(config);
        if (validation.errorCount() > 0) {
            throw new BadConnectorConfigException(ConnectorConfigValidator.describeErrors(validation), validation);
        }
        Map<String, String> stored = Map.copyOf(config);
        return call(() -> {
            ConnectorState existing = connectors.get(name);
            if (existing != null && !allowReplace) {
                throw new AlreadyExistsException("Connector " + name + " already exists");
            }
            if (existing == null) {
                ConnectorState created = new ConnectorState(stored, initialState);
                connectors.put(name, created);
                statuses.put(name, ConnectorStatuses.UNASSIGNED);
                LOG.info("Creating connector {} in state {}", name, initialState);
                startConnector(name, created);
                return new Created<>(true, info(name, created));
            }
            LOG.info("Reconfiguring connector {}", name);
            stopTasks(name, existing);
            worker.stopConnector(name);
            existing.config = stored;
            startConnector(name, existing);
            return new Created<>(false, info(name, existing));
        });
    }

    @Override
    public void deleteConnector(String name) {
        call(() -> {
            ConnectorState connector = require(name);
            LOG.info("Deleting connector {}", name);
            stopTasks(name, connector);
            worker.stopConnector(name);
            connectors.remove(name);
            statuses.remove(name);
            return null;
        });
    }

    @Override
    public ConnectorStateInfo restartConnector(String name, boolean includeTasks, boolean onlyFailed) {
        ConnectorStateInfo planned = call(() -> {
            ConnectorState connector = require(name);
            boolean restartConnector = !onlyFailed || statuses.connector(name).failed();
            List<ConnectorTaskId> restartTasks = new ArrayList<>();
            if (includeTasks) {
                for (int task = 0; task < connector.taskConfigs.size(); task++) {
                    ConnectorTaskId id = new ConnectorTaskId(name, task);
                    if (!onlyFailed || statuses.task(id).failed()) {
                        restartTasks.add(id);
                    }
                }
            }
            ConnectorStateInfo plan = plan(name, connector, restartConnector, restartTasks);
            if (restartConnector) {
                LOG.info("Restarting connector {}", name);
                statuses.put(name, ConnectorStatuses.RESTARTING);
                worker.stopConnector(name);
                worker.startConnector(name, connector.config, connector.target, this::requestTaskReconfiguration);
            }
            for (ConnectorTaskId id : restartTasks) {
                restartTaskNow(connector, id);
            }
            return plan;
        });
        return planned;
    }

    @Override
    public void restartTask(ConnectorTaskId id) {
        call(() -> {
            ConnectorState connector = require(id.connector());
            if (id.task() < 0 || id.task() >= connector.taskConfigs.size()) {
                throw new NotFoundException("Task " + id + " not found");
            }
            restartTaskNow(connector, id);
            return null;
        });
    }

    @Override
    public void pauseConnector(String name) {
        changeTargetState(name, TargetState.PAUSED);
    }

    @Override
    public void resumeConnector(String name) {
        changeTargetState(name, TargetState.RUNNING);
    }

    @Override
    public void stopConnector(String name) {
        changeTargetState(name, TargetState.STOPPED);
    }

    @Override
    public void resetConnectorActiveTopics(String name) {
        call(() -> {
            require(name);
            worker.resetActiveTopics(name);
            return null;
        });
    }

    @Override
    public String alterConnectorOffsets(String name, ConnectorOffsets offsets) {
        return call(() -> {
            worker.alterOffsets(name, requireStopped(name).config, offsets);
            return "The offsets for this connector have been altered successfully";
        });
    }

    @Override
    public String resetConnectorOffsets(String name) {
        return call(() -> {
            worker.resetOffsets(name, requireStopped(name).config);
            return "The offsets for this connector have been reset successfully";
        });
    }

    /** Asks the connector for fresh task configs (queued; the connector's context calls this from any thread). */
    public void requestTaskReconfiguration(String name) {
        enqueue(() -> reconfigureTasks(name));
    }

    // ---- StatusListener: the worker's reports ----

    @Override
    public void onStartup(String connector) {
        statuses.put(connector, ConnectorStatuses.RUNNING);
        requestTaskReconfiguration(connector);
    }

    @Override
    public void onPause(String connector) {
        statuses.put(connector, ConnectorStatuses.PAUSED);
    }

    @Override
    public void onResume(String connector) {
        statuses.put(connector, ConnectorStatuses.RUNNING);
        requestTaskReconfiguration(connector);
    }

    @Override
    public void onStop(String connector) {
        statuses.put(connector, ConnectorStatuses.STOPPED);
    }

    @Override
    public void onFailure(String connector, Throwable cause) {
        LOG.error("Connector {} failed", connector, cause);
        statuses.putFailed(connector, cause);
    }

    @Override
    public void onShutdown(String connector) {
        statuses.put(connector, ConnectorStatuses.UNASSIGNED);
    }

    @Override
    public void onStartup(ConnectorTaskId id) {
        statuses.put(id, ConnectorStatuses.RUNNING);
    }

    @Override
    public void onPause(ConnectorTaskId id) {
        statuses.put(id, ConnectorStatuses.PAUSED);
    }

    @Override
    public void onResume(ConnectorTaskId id) {
        statuses.put(id, ConnectorStatuses.RUNNING);
    }

    @Override
    public void onFailure(ConnectorTaskId id, Throwable cause) {
        LOG.error("Task {} failed", id, cause);
        statuses.putFailed(id, cause);
    }

    @Override
    public void onShutdown(ConnectorTaskId id) {
        statuses.put(id, ConnectorStatuses.UNASSIGNED);
    }

    /** Stops every connector and task, then the worker. */
    @Override
    public void close() {
        try {
            call(() -> {
                for (Map.Entry<String, ConnectorState> entry : connectors.entrySet()) {
                    stopTasks(entry.getKey(), entry.getValue());
                    worker.stopConnector(entry.getKey());
                }
                connectors.clear();
                return null;
            });
        } finally {
            herderThread.shutdown();
            worker.close();
        }
    }

    // ---- on the herder thread ----

    private void startConnector(String name, ConnectorState connector) {
        worker.startConnector(name, connector.config, connector.target, this::requestTaskReconfiguration);
        reconfigureTasks(name);
    }

    /**
     * Regenerates the task configs of a RUNNING connector and, when they changed, replaces its tasks. Only a running
     * connector answers for its tasks (a paused, failed or not yet started one yields no configs), so otherwise its
     * tasks are left as they are until it runs again: its startup or resume report asks again.
     */
    private void reconfigureTasks(String name) {
        ConnectorState connector = connectors.get(name);
        if (connector == null || connector.target == TargetState.STOPPED
            || !ConnectorStatuses.RUNNING.equals(statuses.connector(name).state())) {
            return;
        }
        List<Map<String, String>> fresh = worker.connectorTaskConfigs(name);
        if (fresh.equals(connector.taskConfigs)) {
            return;
        }
        LOG.info("Connector {} now has {} task(s)", name, fresh.size());
        stopTasks(name, connector);
        connector.taskConfigs = List.copyOf(fresh);
        for (int task = 0; task < fresh.size(); task++) {
            ConnectorTaskId id = new ConnectorTaskId(name, task);
            statuses.put(id, ConnectorStatuses.UNASSIGNED);
            worker.startTask(id, connector.config, fresh.get(task), connector.target);
        }
    }

    private void stopTasks(String name, ConnectorState connector) {
        for (int task = 0; task < connector.taskConfigs.size(); task++) {
            worker.stopTask(new ConnectorTaskId(name, task));
        }
        connector.taskConfigs = List.of();
        statuses.removeTasks(name, 0);
    }

    private void restartTaskNow(ConnectorState connector, ConnectorTaskId id) {
        LOG.info("Restarting task {}", id);
        worker.stopTask(id);
        statuses.put(id, ConnectorStatuses.RESTARTING);
        worker.startTask(id, connector.config, connector.taskConfigs.get(id.task()), connector.target);
    }

    private void changeTargetState(String name, TargetState target) {
        call(() -> {
            ConnectorState connector = require(name);
            TargetState previous = connector.target;
            connector.target = target;
            LOG.info("Connector {}: target state {} -> {}", name, previous, target);
            if (target == TargetState.STOPPED) {
                stopTasks(name, connector);
            }
            worker.setTargetState(name, target);
            if (previous == TargetState.STOPPED && target != TargetState.STOPPED) {
                reconfigureTasks(name);
            }
            return null;
        });
    }

    private ConnectorStateInfo plan(String name, ConnectorState connector, boolean restartConnector,
                                    List<ConnectorTaskId> restartTasks) {
        Status status = statuses.connector(name);
        String connectorState = restartConnector ? ConnectorStatuses.RESTARTING : status.state();
        List<ConnectorStateInfo.TaskState> tasks = new ArrayList<>();
        for (int task = 0; task < connector.taskConfigs.size(); task++) {
            ConnectorTaskId id = new ConnectorTaskId(name, task);
            tasks.add(restartTasks.contains(id)
                ? new ConnectorStateInfo.TaskState(task, ConnectorStatuses.RESTARTING, worker.workerId(), null)
                : taskState(id));
        }
        return new ConnectorStateInfo(name, new ConnectorStateInfo.ConnectorState(connectorState, worker.workerId(),
            restartConnector ? null : status.trace()), tasks, type(connector));
    }

    private ConnectorStateInfo.TaskState taskState(ConnectorTaskId id) {
        Status status = statuses.task(id);
        return new ConnectorStateInfo.TaskState(id.task(), status.state(), worker.workerId(), status.trace());
    }

    private ConnectorInfo info(String name, ConnectorState connector) {
        List<ConnectorTaskId> tasks = new ArrayList<>();
        for (int task = 0; task < connector.taskConfigs.size(); task++) {
            tasks.add(new ConnectorTaskId(name, task));
        }
        return new ConnectorInfo(name, connector.config, tasks, type(connector));
    }

    private ConnectorType type(ConnectorState connector) {
        try {
            return worker.isSinkConnector(connector.config) ? ConnectorType.SINK : ConnectorType.SOURCE;
        } catch (RuntimeException unknownClass) {
            return ConnectorType.UNKNOWN;
        }
    }

    private ConnectorState require(String name) {
        ConnectorState connector = connectors.get(name);
        if (connector == null) {
            throw new NotFoundException("Connector " + name + " not found");
        }
        return connector;
    }

    private ConnectorState requireStopped(String name) {
        ConnectorState connector = require(name);
        if (connector.target != TargetState.STOPPED || !connector.taskConfigs.isEmpty()) {
            throw new BadRequestException("Connectors must be in the STOPPED state before their offsets can be "
                + "modified. This can be done for the specified connector by issuing a 'PUT' request to the "
                + "'/connectors/" + name + "/stop' endpoint");
        }
        return connector;
    }

    // ---- running on the herder thread ----

    private <T> T call(Callable<T> action) {
        if (Thread.currentThread() == herderThreadInstance) {
            return callHere(action);
        }
        Future<T> result = herderThread.submit(action);
        try {
            return result.get(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new ConnectException(cause);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new ConnectException("Request timed out after " + REQUEST_TIMEOUT_MS + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Request interrupted", e);
        }
    }

    private static <T> T callHere(Callable<T> action) {
        try {
            return action.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ConnectException(e);
        }
    }

    private void enqueue(Runnable action) {
        if (herderThread.isShutdown()) {
            return;
        }
        herderThread.execute(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.error("Herder action failed", e);
            }
        });
    }
}
