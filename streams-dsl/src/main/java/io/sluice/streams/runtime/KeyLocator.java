package io.sluice.streams.runtime;

import io.sluice.streams.KeyQueryMetadata;
import io.sluice.streams.errors.UnknownStateStoreException;
import io.sluice.streams.processor.StreamPartitioner;
import io.sluice.streams.processor.TaskId;
import io.sluice.streams.processor.internals.InternalTopologyBuilder.SubtopologyTopics;
import io.sluice.streams.state.HostInfo;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Says where a key of a store lives ({@code StreamsApp.metadataForKey}): the store's sub-topology, the partition
 * of its source topics the key falls in, and the instance whose active task owns that partition.
 *
 * <p>The partition is computed as the producer's default partitioner does (murmur2 of the serialized key, made
 * positive, modulo the partition count), or by the given {@link StreamPartitioner}, so it is the partition the key's
 * records were written to. The host comes from the latest assignment's {@code application.server} → partitions
 * map ({@link #onAssignment}); a partition the map does not name but whose task runs on this instance is hosted
 * here (this instance's {@code application.server}); otherwise the host is {@link HostInfo#unavailable()} (Kafka's
 * unknown host), with the partition still given. An instance without {@code application.server} cannot be queried
 * by others and is never named: its partitions resolve to {@link HostInfo#unavailable()}, even on itself.
 * Standby hosts are not known per partition (the assignment names only this member's standbys): always empty.
 *
 * <p>Threading: thread-safe. {@link #onAssignment} is called by stream threads, the lookups by user threads; the
 * host map is an immutable snapshot replaced on each assignment, so a lookup sees one whole assignment.
 */
public final class KeyLocator {
    private final TopologyMetadata metadata;
    private final Map<String, Integer> sourcePartitions;
    private final HostInfo self;
    private final Supplier<Set<TaskId>> localActiveTasks;
    private volatile Map<String, Set<TopicPartition>> partitionsByHost = Map.of();

    /**
     * @param sourcePartitions the partition count of every source topic (repartition topics included)
     * @param self             this instance's {@code application.server}, or {@code null} when unset
     * @param localActiveTasks the tasks the app's threads run now (any thread may call it)
     */
    public KeyLocator(TopologyMetadata metadata, Map<String, Integer> sourcePartitions, HostInfo self,
                      Supplier<Set<TaskId>> localActiveTasks) {
        this.metadata = metadata;
        this.sourcePartitions = Map.copyOf(sourcePartitions);
        this.self = self;
        this.localActiveTasks = localActiveTasks;
    }

    /** Takes the host map of a (successful) assignment; failed assignments carry none and are ignored. */
    public void onAssignment(AssignmentInfo assignment) {
        if (assignment.error() == AssignmentInfo.ErrorCode.NONE) {
            partitionsByHost = assignment.partitionsByHost();
        }
    }

    /** The latest successful assignment's {@code application.server} → source partitions map (a snapshot). */
    public Map<String, Set<TopicPartition>> partitionsByHost() {
        return partitionsByHost;
    }

    /**
     * @throws UnknownStateStoreException when no sub-topology has a store {@code storeName}
     * @throws IllegalArgumentException   when the key serializes to {@code null} (it has no partition)
     */
    public <K> KeyQueryMetadata locate(String storeName, K key, Serializer<K> keySerializer) {
        SubtopologyTopics subtopology = subtopologyOf(storeName);
        String topic = subtopology.sourceTopics().iterator().next();
        byte[] bytes = keySerializer.serialize(topic, key);
        if (bytes == null) {
            throw new IllegalArgumentException("The key " + key + " of store " + storeName + " serializes to null: a"
                + " null key has no partition");
        }
        return locate(subtopology, topic, Utils.toPositive(Utils.murmur2(bytes)) % partitionCount(topic));
    }

    /**
     * @throws UnknownStateStoreException when no sub-topology has a store {@code storeName}
     * @throws IllegalArgumentException   when the partitioner sends the key to several partitions, or none
     */
    public <K> KeyQueryMetadata locate(String storeName, K key, StreamPartitioner<? super K, ?> partitioner) {
        SubtopologyTopics subtopology = subtopologyOf(storeName);
        String topic = subtopology.sourceTopics().iterator().next();
        Optional<Set<Integer>> partitions = partitioner.partitions(topic, key, null, partitionCount(topic));
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("The partitioner left the partition of key " + key + " of store "
                + storeName + " to the producer, which needs the serialized key: use metadataForKey with a key"
                + " serializer");
        }
        if (partitions.get().size() != 1) {
            throw new IllegalArgumentException("The partitioner puts key " + key + " of store " + storeName + " in "
                + "partitions " + partitions.get() + " of " + topic + "; a queried key must be in exactly one");
        }
        return locate(subtopology, topic, partitions.get().iterator().next());
    }

    private KeyQueryMetadata locate(SubtopologyTopics subtopology, String topic, int partition) {
        TopicPartition source = new TopicPartition(topic, partition);
        for (Map.Entry<String, Set<TopicPartition>> host : partitionsByHost.entrySet()) {
            if (host.getValue().contains(source)) {
                return new KeyQueryMetadata(HostInfo.buildFromEndpoint(host.getKey()), Set.of(), partition);
            }
        }
        boolean local = localActiveTasks.get().contains(new TaskId(subtopology.id(), partition));
        HostInfo host = local && self != null ? self : HostInfo.unavailable();
        return new KeyQueryMetadata(host, Set.of(), partition);
    }

    private SubtopologyTopics subtopologyOf(String storeName) {
        return metadata.subtopologies().values().stream()
            .filter(subtopology -> subtopology.stores().contains(storeName))
            .findFirst()
            .orElseThrow(() -> new UnknownStateStoreException("Cannot locate keys of state store " + storeName
                + " of application " + metadata.applicationId() + ": the topology has no store of that name"));
    }

    private int partitionCount(String topic) {
        Integer count = sourcePartitions.get(topic);
        if (count == null) {
            throw new IllegalStateException("Application " + metadata.applicationId() + ": no partition count for"
                + " source topic " + topic);
        }
        return count;
    }
}
