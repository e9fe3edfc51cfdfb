package io.sluice.log.cluster;

import io.sluice.log.errors.UnknownTopicOrPartitionException;
import io.sluice.log.storage.LogManager;
import io.sluice.log.storage.LogOffsetMetadata;
import io.sluice.log.storage.PartitionLog;
import io.sluice.log.storage.TopicPartition;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The partitions this broker leads — on a single node, every partition of every topic — with the state the
 * protocol reports for each: the log, the leader epoch, the high watermark and the in-sync replicas.
 *
 * <p>High watermark: for a durable topic ({@code flush.messages=1}, the default) it is the log's recovery point,
 * so consumers only ever see records that are fsynced — a record a consumer has read can never be lost by a
 * crash. For a Kafka-style topic it is the log end offset (one replica: everything appended is "replicated").
 * A cluster will take the minimum over the in-sync replicas.
 *
 * <p>Thread-safe: logs come from the {@link LogManager}; the topic list from the {@link TopicRegistry}.
 */
public final class LocalPartitions {
    /** Single node: the first and only leader epoch. Replication will bump it on leader changes. */
    public static final int LEADER_EPOCH = 0;

    private final LogManager logs;
    private final TopicRegistry topics;
    private final int nodeId;
    private final List<Consumer<TopicPartition>> highWatermarkListeners = new CopyOnWriteArrayList<>();

    public LocalPartitions(LogManager logs, TopicRegistry topics, int nodeId) {
        this.logs = logs;
        this.topics = topics;
        this.nodeId = nodeId;
    }

    public int nodeId() {
        return nodeId;
    }

    /** The log of an existing topic partition, created on first use; unknown topic or partition index throws. */
    public PartitionLog log(TopicPartition tp) {
        TopicMetadata topic = topics.topic(tp.topic()).orElseThrow(() ->
            new UnknownTopicOrPartitionException("Topic '" + tp.topic() + "' does not exist"));
        if (tp.partition() < 0 || tp.partition() >= topic.partitionCount()) {
            throw new UnknownTopicOrPartitionException("Topic '" + tp.topic() + "' has no partition "
                + tp.partition() + " (it has " + topic.partitionCount() + ")");
        }
        return logs.getOrCreateLog(tp);
    }

    public Optional<PartitionLog> existingLog(TopicPartition tp) {
        return logs.getLog(tp);
    }

    public long highWatermark(PartitionLog log) {
        return highWatermarkMetadata(log).offset();
    }

    /** The high watermark with its file position, to bound reads without an index lookup. */
    public LogOffsetMetadata highWatermarkMetadata(PartitionLog log) {
        return log.config().durableAppends() ? log.recoveryPointMetadata() : log.logEndOffsetMetadata();
    }

    /** Registers a callback for high-watermark advances (delayed fetches wait on them). */
    public void onHighWatermarkAdvance(Consumer<TopicPartition> listener) {
        highWatermarkListeners.add(listener);
    }

    /** Called after an append (and again once it is durable): readers waiting on {@code tp} may proceed. */
    public void highWatermarkMayHaveAdvanced(TopicPartition tp) {
        highWatermarkListeners.forEach(listener -> listener.accept(tp));
    }

    /** Creates the logs of every partition of {@code topic} (so they exist on disk right after CreateTopics). */
    public void createLogs(TopicMetadata topic) {
        for (int p = 0; p < topic.partitionCount(); p++) {
            logs.getOrCreateLog(new TopicPartition(topic.name(), p));
        }
    }

    /** Deletes the logs of every partition of {@code topic}. */
    public void deleteLogs(TopicMetadata topic) {
        for (int p = 0; p < topic.partitionCount(); p++) {
            logs.deleteLog(new TopicPartition(topic.name(), p));
        }
    }

    /** Applies the topic's current configuration to its open logs (after IncrementalAlterConfigs). */
    public void applyConfig(TopicMetadata topic) {
        for (int p = 0; p < topic.partitionCount(); p++) {
            logs.getLog(new TopicPartition(topic.name(), p))
                .ifPresent(log -> log.updateConfig(topics.logConfig(topic.name())));
        }
    }
}
