package io.sluice.streams.runtime;

import io.sluice.streams.errors.TopologyException;
import io.sluice.streams.processor.TaskId;
import io.sluice.streams.processor.internals.InternalTopologyBuilder;
import io.sluice.streams.processor.internals.InternalTopologyBuilder.SubtopologyTopics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import org.apache.kafka.common.TopicPartition;

/**
 * What the runtime knows of an application's topology, topic names resolved with its application id: the stream
 * sub-topologies with their source, sink and changelog topics, and from the partition counts of the source topics
 * the tasks and the partitions each task owns. A task of sub-topology {@code s} owns partition {@code p} of every
 * source topic of {@code s}, so those topics must have equal partition counts (checked by {@link #tasks}).
 * Repartition topics (the topology's internal topics) take the largest partition count of the source topics of the
 * sub-topologies that write them ({@link #repartitionTopicPartitions}). Global stores' topics belong to no task.
 *
 * <p>Immutable and thread-safe; shared by the app, its threads and the assignor.
 */
public final class TopologyMetadata {
    private final String applicationId;
    private final Map<Integer, SubtopologyTopics> subtopologies;
    private final Set<String> repartitionTopics;
    private final Map<String, String> globalStoreTopics;

    public TopologyMetadata(InternalTopologyBuilder builder, String applicationId) {
        this.applicationId = applicationId;
        this.subtopologies = Collections.unmodifiableMap(new TreeMap<>(builder.subtopologyTopics(applicationId)));
        Set<String> internal = new LinkedHashSet<>();
        builder.repartitionTopicDeclarations().keySet()
            .forEach(topic -> internal.add(builder.resolve(applicationId, topic)));
        this.repartitionTopics = Collections.unmodifiableSet(internal);
        this.globalStoreTopics = builder.globalStoreTopics();
    }

    public String applicationId() {
        return applicationId;
    }

    /** The stream sub-topologies by number. */
    public Map<Integer, SubtopologyTopics> subtopologies() {
        return subtopologies;
    }

    /** Every topic some sub-topology reads, repartition topics included. */
    public Set<String> sourceTopics() {
        Set<String> topics = new LinkedHashSet<>();
        subtopologies.values().forEach(subtopology -> topics.addAll(subtopology.sourceTopics()));
        return Collections.unmodifiableSet(topics);
    }

    /** The topology's internal repartition topics (full names). */
    public Set<String> repartitionTopics() {
        return repartitionTopics;
    }

    /** Source topics that users provide: every source topic but the repartition topics. */
    public Set<String> externalSourceTopics() {
        Set<String> topics = new LinkedHashSet<>(sourceTopics());
        topics.removeAll(repartitionTopics);
        return Collections.unmodifiableSet(topics);
    }

    /** The source topic of every global store, by store name (read whole by every instance, by no task). */
    public Map<String, String> globalStoreTopics() {
        return globalStoreTopics;
    }

    /** Whether sub-topology {@code id} has state stores (its tasks are worth keeping where their state is). */
    public boolean stateful(int subtopology) {
        return !subtopologies.get(subtopology).stores().isEmpty();
    }

    /**
     * The partition count of every repartition topic: the largest of the source topics of the sub-topologies
     * writing it, repeated until nothing changes (a repartition topic may feed a sub-topology that writes another).
     *
     * @param externalPartitions partitions of an external source topic, or a negative number when it is missing
     * @throws TopologyException when an external source topic is missing
     */
    public Map<String, Integer> repartitionTopicPartitions(ToIntFunction<String> externalPartitions) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String topic : externalSourceTopics()) {
            int partitions = externalPartitions.applyAsInt(topic);
            if (partitions <= 0) {
                throw new TopologyException("Source topic " + topic + " of application " + applicationId
                    + " does not exist: create it before starting the application");
            }
            counts.put(topic, partitions);
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (SubtopologyTopics subtopology : subtopologies.values()) {
                int widest = subtopology.sourceTopics().stream().filter(counts::containsKey).mapToInt(counts::get)
                    .max().orElse(0);
                for (String sink : subtopology.sinkTopics()) {
                    if (repartitionTopics.contains(sink) && widest > counts.getOrDefault(sink, 0)) {
                        counts.put(sink, widest);
                        changed = true;
                    }
                }
            }
        }
        Map<String, Integer> result = new LinkedHashMap<>();
        for (String topic : repartitionTopics) {
            result.put(topic, counts.getOrDefault(topic, 1)); // written by nothing with a known width: one
        }
        return result;
    }

    /**
     * Every task with the source partitions it owns.
     *
     * @param partitions partitions of any source topic (external or repartition), or a negative number if unknown
     * @throws TopologyException when the source topics of a sub-topology have different partition counts
     *                           (they are not co-partitioned) or one is unknown
     */
    public Map<TaskId, Set<TopicPartition>> tasks(ToIntFunction<String> partitions) {
        Map<TaskId, Set<TopicPartition>> tasks = new LinkedHashMap<>();
        for (SubtopologyTopics subtopology : subtopologies.values()) {
            int count = coPartitionedCount(subtopology, partitions);
            for (int partition = 0; partition < count; partition++) {
                Set<TopicPartition> owned = new LinkedHashSet<>();
                for (String topic : subtopology.sourceTopics()) {
                    owned.add(new TopicPartition(topic, partition));
                }
                tasks.put(new TaskId(subtopology.id(), partition), Collections.unmodifiableSet(owned));
            }
        }
        return Collections.unmodifiableMap(tasks);
    }

    /** The changelog partitions of a task: one per logged store, numbered like the task. */
    public List<TopicPartition> changelogPartitions(TaskId task) {
        List<TopicPartition> result = new ArrayList<>();
        subtopologies.get(task.subtopology()).changelogTopicsByStore().values()
            .forEach(topic -> result.add(new TopicPartition(topic, task.partition())));
        return result;
    }

    private int coPartitionedCount(SubtopologyTopics subtopology, ToIntFunction<String> partitions) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String topic : subtopology.sourceTopics()) {
            int count = partitions.applyAsInt(topic);
            if (count <= 0) {
                throw new TopologyException("Source topic " + topic + " of sub-topology " + subtopology.id()
                    + " does not exist");
            }
            counts.put(topic, count);
        }
        if (counts.values().stream().distinct().count() > 1) {
            throw new TopologyException("The source topics of sub-topology " + subtopology.id()
                + " must have the same number of partitions to be joined or merged (co-partitioned), but have "
                + counts + "; repartition one side (KStream.repartition) or recreate the topics");
        }
        return counts.values().stream().findFirst().orElse(0);
    }
}
