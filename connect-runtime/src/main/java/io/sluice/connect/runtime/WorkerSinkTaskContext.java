package io.sluice.connect.runtime;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.errors.IllegalWorkerStateException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * What a sink task may ask of its worker: rewind or skip ({@link #offset}), a poll timeout for its next retry,
 * pausing and resuming partitions, an early offset commit, and the errant record reporter. Requests are recorded
 * here and applied by {@link WorkerSinkTask} on its thread before its next poll.
 *
 * <p>Threading: a task normally calls it from its own thread (inside put/open/close); the request fields are
 * guarded by this object's monitor so a connector thread may call it too. Pausing goes straight to the consumer,
 * which only the task thread may touch, so it must be called from inside a task callback.
 */
final class WorkerSinkTaskContext implements SinkTaskContext {
    private final Map<String, String> configs;
    private final Consumer<byte[], byte[]> consumer;
    private final ErrantRecordReporter errantRecordReporter;
    private final PluginMetrics pluginMetrics;
    private final Map<TopicPartition, Long> requestedOffsets = new HashMap<>();
    private final Set<TopicPartition> pausedByTask = new HashSet<>();
    private long timeoutMs = -1;
    private boolean commitRequested;

    WorkerSinkTaskContext(Map<String, String> configs, Consumer<byte[], byte[]> consumer,
                          ErrantRecordReporter errantRecordReporter, PluginMetrics pluginMetrics) {
        this.configs = configs;
        this.consumer = consumer;
        this.errantRecordReporter = errantRecordReporter;
        this.pluginMetrics = pluginMetrics;
    }

    @Override
    public Map<String, String> configs() {
        return configs;
    }

    @Override
    public synchronized void offset(Map<TopicPartition, Long> offsets) {
        requestedOffsets.putAll(offsets);
    }

    @Override
    public synchronized void offset(TopicPartition partition, long offset) {
        requestedOffsets.put(partition, offset);
    }

    /** The offsets the task asked to seek to since the last call; cleared. */
    synchronized Map<TopicPartition, Long> takeRequestedOffsets() {
        Map<TopicPartition, Long> taken = new HashMap<>(requestedOffsets);
        requestedOffsets.clear();
        return taken;
    }

    @Override
    public synchronized void timeout(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    /** The timeout the task asked for, or -1; cleared. */
    synchronized long takeTimeoutMs() {
        long taken = timeoutMs;
        timeoutMs = -1;
        return taken;
    }

    @Override
    public Set<TopicPartition> assignment() {
        return consumer.assignment();
    }

    @Override
    public void pause(TopicPartition... partitions) {
        requireAssigned(partitions);
        synchronized (this) {
            pausedByTask.addAll(Arrays.asList(partitions));
        }
        consumer.pause(Arrays.asList(partitions));
    }

    @Override
    public void resume(TopicPartition... partitions) {
        requireAssigned(partitions);
        synchronized (this) {
            pausedByTask.removeAll(Arrays.asList(partitions));
        }
        consumer.resume(Arrays.asList(partitions));
    }

    private void requireAssigned(TopicPartition... partitions) {
        Set<TopicPartition> assigned = consumer.assignment();
        for (TopicPartition partition : partitions) {
            if (!assigned.contains(partition)) {
                throw new IllegalWorkerStateException("Partition " + partition + " is not assigned to this task; "
                    + "assigned: " + assigned);
            }
        }
    }

    /** Partitions the task paused itself: they stay paused when the worker resumes the task. */
    synchronized Set<TopicPartition> pausedByTask() {
        return Set.copyOf(pausedByTask);
    }

    synchronized void forget(java.util.Collection<TopicPartition> revoked) {
        pausedByTask.removeAll(revoked);
    }

    @Override
    public synchronized void requestCommit() {
        commitRequested = true;
    }

    /** Whether the task asked for a commit since the last call; cleared. */
    synchronized boolean takeCommitRequest() {
        boolean taken = commitRequested;
        commitRequested = false;
        return taken;
    }

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        return errantRecordReporter;
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return pluginMetrics;
    }
}
