package io.sluice.streams.runtime;

import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.TaskId;
import io.sluice.streams.processor.internals.InternalTopologyBuilder;
import io.sluice.streams.processor.internals.RecordCollector;
import io.sluice.streams.processor.internals.StreamTask;
import io.sluice.streams.processor.internals.TaskMetrics;
import io.sluice.streams.processor.internals.TaskSettings;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import org.apache.kafka.common.metrics.Metrics;

/**
 * Builds the {@link StreamTask}s of one stream thread: a new instance of the task's sub-topology (new processors,
 * new stores in the task's directory of the {@link StateDirectory}), writing through the thread's collector, with
 * its stores initialized; they are restored next ({@link ChangelogReader}), and the processors are initialized
 * when the task runs ({@link ActiveTask#running}; never for a standby). Its processors read the instance's global
 * stores.
 *
 * <p>Threading: used by its stream thread only (the task settings' exception handlers are per thread).
 */
final class TaskFactory {
    private final InternalTopologyBuilder builder;
    private final String applicationId;
    private final StateDirectory stateDirectory;
    private final TaskSettings settings;
    private final RecordCollector collector;
    private final Metrics metrics;
    private final String threadName;
    private final Map<String, StateStore> globalStores;

    TaskFactory(InternalTopologyBuilder builder, String applicationId, StateDirectory stateDirectory,
                TaskSettings settings, RecordCollector collector, Metrics metrics, String threadName,
                Map<String, StateStore> globalStores) {
        this.builder = builder;
        this.applicationId = applicationId;
        this.stateDirectory = stateDirectory;
        this.settings = settings;
        this.collector = collector;
        this.metrics = metrics;
        this.threadName = threadName;
        this.globalStores = globalStores;
    }

    /**
     * A new task with its stores open, or {@code null} when another stream thread of this instance still uses the
     * task's directory (the task moved here and the other thread has not closed it yet): try again later. The
     * task's directory stays in use until {@link #release}, after the task is closed and checkpointed.
     */
    StreamTask tryCreate(TaskId id) {
        Path dir = stateDirectory.tryAcquireTaskDir(id, threadName);
        if (dir == null) {
            return null;
        }
        var nodes = new LinkedHashSet<>(builder.subtopologies().get(id.subtopology()));
        StreamTask task = new StreamTask(id, builder.build(applicationId, nodes), settings, dir.toFile(), collector,
            System::currentTimeMillis, new TaskMetrics(metrics, threadName, id), globalStores);
        try {
            task.initializeStores();
        } catch (RuntimeException e) {
            release(id);
            throw e;
        }
        return task;
    }

    /** Which thread uses {@code id}'s directory now (for logs). */
    String ownerOf(TaskId id) {
        return stateDirectory.ownerOf(id);
    }

    /** The closed task's directory is no longer used by this thread: the state cleaner may delete it later. */
    void release(TaskId id) {
        stateDirectory.releaseTaskDir(id);
    }
}
