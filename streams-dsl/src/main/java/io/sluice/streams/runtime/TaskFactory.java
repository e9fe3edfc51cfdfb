package io.sluice.streams.runtime;

import io.sluice.streams.errors.StreamsException;
import io.sluice.streams.processor.TaskId;
import io.sluice.streams.processor.internals.InternalTopologyBuilder;
import io.sluice.streams.processor.internals.RecordCollector;
import io.sluice.streams.processor.internals.StreamTask;
import io.sluice.streams.processor.internals.TaskMetrics;
import io.sluice.streams.processor.internals.TaskSettings;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import org.apache.kafka.common.metrics.Metrics;

/**
 * Builds the {@link StreamTask}s of one stream thread: a new instance of the task's sub-topology (new processors,
 * new stores in the task's state directory), writing through the thread's collector, initialized and ready to
 * process.
 *
 * <p>Threading: used by its stream thread only (the task settings' exception handlers are per thread).
 */
final class TaskFactory {
    private final InternalTopologyBuilder builder;
    private final String applicationId;
    private final Path appStateDir;
    private final TaskSettings settings;
    private final RecordCollector collector;
    private final Metrics metrics;
    private final String threadName;

    TaskFactory(InternalTopologyBuilder builder, String applicationId, Path appStateDir, TaskSettings settings,
                RecordCollector collector, Metrics metrics, String threadName) {
        this.builder = builder;
        this.applicationId = applicationId;
        this.appStateDir = appStateDir;
        this.settings = settings;
        this.collector = collector;
        this.metrics = metrics;
        this.threadName = threadName;
    }

    StreamTask create(TaskId id) {
        var nodes = new LinkedHashSet<>(builder.subtopologies().get(id.subtopology()));
        StreamTask task = new StreamTask(id, builder.build(applicationId, nodes), settings, taskStateDir(id),
            collector, System::currentTimeMillis, new TaskMetrics(metrics, threadName, id), Map.of());
        task.initialize();
        return task;
    }

    /**
     * The seam for the state directory ({@code StateDirectory.taskDir}, which also locks and restores): for now the
     * directory {@code state.dir/<application.id>/<subtopology>_<partition>} is only created, and nothing is
     * restored from the changelog.
     */
    private File taskStateDir(TaskId id) {
        Path dir = appStateDir.resolve(id.subtopology() + "_" + id.partition());
        try {
            return Files.createDirectories(dir).toFile();
        } catch (IOException e) {
            throw new StreamsException("Cannot create the state directory " + dir + " of task " + id + ": " + e, e);
        }
    }
}
