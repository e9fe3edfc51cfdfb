package io.sluice.streams.processor.internals;

import io.sluice.streams.processor.TaskId;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Rate;

/**
 * A task's metrics in kafka-clients' registry, named as Kafka Streams names them (group
 * {@code stream-task-metrics}, tags {@code thread-id} and {@code task-id}) so dashboards carry over.
 *
 * <p>Threading: sensors are thread-safe; recorded from the task's thread.
 */
public final class TaskMetrics {
    static final String GROUP = "stream-task-metrics";

    private final Sensor droppedRecords;

    public TaskMetrics(Metrics registry, String threadId, TaskId taskId) {
        Map<String, String> tags = Map.of("thread-id", threadId, "task-id", taskId.toString());
        // The thread is part of the sensor's name: the test driver's global task has the same task id as its
        // stream task, and one shared sensor would count every drop under both.
        droppedRecords = registry.sensor(threadId + ".task." + taskId + ".dropped-records");
        droppedRecords.add(new MetricName("dropped-records-total", GROUP,
            "Records dropped: past a window's grace period, without a valid timestamp, or skipped on error", tags),
            new CumulativeSum());
        droppedRecords.add(new MetricName("dropped-records-rate", GROUP, "Records dropped per second", tags),
            new Rate());
    }

    /** Counts one record dropped; the caller logs why (at debug) so no drop is silent. */
    public void recordDropped() {
        droppedRecords.record();
    }
}
