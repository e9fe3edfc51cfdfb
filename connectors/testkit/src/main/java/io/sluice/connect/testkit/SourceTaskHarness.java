package io.sluice.connect.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Drives one {@link SourceTask} the way a worker does: initialize with a context, start, poll, commit offsets, stop.
 *
 * <p>Every record a poll returns counts as acknowledged: its offset goes to the {@link InMemoryOffsetStore} right
 * away, so stopping the harness and starting a new task on the same store is a clean restart. Single-threaded, like
 * a worker's task thread; {@link #close()} calls {@link SourceTask#stop()}.
 */
public final class SourceTaskHarness implements AutoCloseable {

    private final SourceTask task;
    private final InMemoryOffsetStore offsets;

    private SourceTaskHarness(SourceTask task, InMemoryOffsetStore offsets) {
        this.task = task;
        this.offsets = offsets;
    }

    public static SourceTaskHarness start(SourceTask task, Map<String, String> config, InMemoryOffsetStore offsets) {
        task.initialize(new Context(config, offsets));
        task.start(config);
        return new SourceTaskHarness(task, offsets);
    }

    /** One poll; never null (a null poll is returned as an empty list). */
    public List<SourceRecord> poll() {
        try {
            List<SourceRecord> records = task.poll();
            if (records == null) {
                return List.of();
            }
            offsets.commit(records);
            return records;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while polling " + task.getClass().getSimpleName(), e);
        }
    }

    /** Polls until at least {@code count} records arrived in total, and returns exactly the records polled. */
    public List<SourceRecord> pollAtLeast(int count, Duration timeout) {
        List<SourceRecord> all = new ArrayList<>();
        Await.until(() -> {
            all.addAll(poll());
            return all.size() >= count;
        }, timeout, () -> count + " records, got " + all.size());
        return all;
    }

    @Override
    public void close() {
        task.stop();
    }

    private record Context(Map<String, String> configs, OffsetStorageReader offsetStorageReader)
        implements SourceTaskContext {

        @Override
        public PluginMetrics pluginMetrics() {
            throw new UnsupportedOperationException("plugin metrics are not provided by the connector test kit");
        }
    }
}
