package io.sluice.streams.runtime;

import io.sluice.streams.errors.StreamsException;
import io.sluice.streams.errors.TopologyException;
import io.sluice.streams.processor.TaskId;
import io.sluice.streams.processor.internals.InternalTopologyBuilder.SubtopologyTopics;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the topics an application needs exist with the right partition counts, through the {@link Admin} API (so
 * it works against any Kafka-protocol cluster):
 * <ul>
 *   <li>external source topics, global stores' topics included, must exist (the app does not guess their width);
 *       a missing one fails with a {@link TopologyException} naming it, unless {@code createMissingSources} (an app
 *       on its own embedded broker, where nobody else could have created them), in which case they are created
 *       with the broker's default;</li>
 *   <li>repartition topics ({@code cleanup.policy=delete}) get {@link TopologyMetadata#repartitionTopicPartitions};</li>
 *   <li>changelog topics ({@code cleanup.policy=compact}, then the store's own log config on top) get the partition
 *       count of their sub-topology, one partition per task.</li>
 * </ul>
 * An internal topic that already exists is verified: a different partition count fails (its data would belong to
 * the wrong tasks); a topic created concurrently by another instance counts as existing.
 *
 * <p>Threading: used once, from the thread starting the app.
 */
public final class InternalTopics {
    private static final Logger LOG = LoggerFactory.getLogger(InternalTopics.class);

    private final Admin admin;
    private final TopologyMetadata metadata;
    private final long timeoutMs;

    public InternalTopics(Admin admin, TopologyMetadata metadata, long timeoutMs) {
        this.admin = admin;
        this.metadata = metadata;
        this.timeoutMs = timeoutMs;
    }

    /**
     * Checks the source topics, creates or verifies the internal ones and checks co-partitioning.
     *
     * @param createMissingSources create absent external source topics instead of failing
     * @return the partition count of every source topic (external and repartition), to derive tasks from
     * @throws TopologyException when a source topic is missing or a sub-topology's sources are not co-partitioned
     * @throws StreamsException when an internal topic exists with another partition count, or the Admin API fails
     */
    public Map<String, Integer> setUp(boolean createMissingSources) {
        Set<String> userTopics = new LinkedHashSet<>(metadata.externalSourceTopics());
        userTopics.addAll(metadata.globalStoreTopics().values());
        Map<String, Integer> external = describe(userTopics);
        Set<String> missing = new LinkedHashSet<>(userTopics);
        missing.removeAll(external.keySet());
        if (createMissingSources && !missing.isEmpty()) {
            LOG.info("Creating the missing source topics {} of application {} with the broker's default partition"
                + " count", missing, metadata.applicationId());
            missing.forEach(topic -> create(topic, Optional.empty(), Map.of()));
            external.putAll(describe(missing));
        }
        metadata.globalStoreTopics().forEach((store, topic) -> {
            if (!external.containsKey(topic)) {
                throw new TopologyException("Source topic " + topic + " of global store " + store + " of application "
                    + metadata.applicationId() + " does not exist: create it before starting the application");
            }
        });
        Map<String, Integer> repartition = metadata.repartitionTopicPartitions(t -> external.getOrDefault(t, -1));
        repartition.forEach((topic, partitions) ->
            ensure(topic, partitions, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)));
        Map<String, Integer> sources = new LinkedHashMap<>(external);
        sources.putAll(repartition);
        Map<TaskId, Set<TopicPartition>> tasks =
            metadata.tasks(t -> sources.getOrDefault(t, -1));
        for (SubtopologyTopics subtopology : metadata.subtopologies().values()) {
            int width = (int) tasks.keySet().stream().filter(task -> task.subtopology() == subtopology.id()).count();
            subtopology.changelogConfigs().forEach((topic, storeConfig) -> {
                Map<String, String> config = new HashMap<>();
                config.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
                config.putAll(storeConfig);
                ensure(topic, width, config);
            });
        }
        return Map.copyOf(sources);
    }

    private void ensure(String topic, int partitions, Map<String, String> config) {
        Integer existing = describe(List.of(topic)).get(topic);
        if (existing == null) {
            LOG.info("Creating internal topic {} with {} partitions and {}", topic, partitions, config);
            if (create(topic, Optional.of(partitions), config)) {
                return;
            }
            existing = describe(List.of(topic)).get(topic); // created concurrently by another instance
        }
        if (existing != partitions) {
            throw new StreamsException("Internal topic " + topic + " of application " + metadata.applicationId()
                + " exists with " + existing + " partitions but the topology needs " + partitions
                + "; delete it (and reset the application) or keep the source topics' partition counts");
        }
    }

    /** @return false when the topic already existed */
    private boolean create(String topic, Optional<Integer> partitions, Map<String, String> config) {
        NewTopic newTopic = new NewTopic(topic, partitions, Optional.empty()).configs(config);
        try {
            admin.createTopics(List.of(newTopic)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw new StreamsException("Could not create topic " + topic + " for application "
                + metadata.applicationId() + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw adminFailure("create topic " + topic, e);
        }
    }

    /** Partition counts of the topics that exist among {@code topics}. */
    private Map<String, Integer> describe(Collection<String> topics) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        admin.describeTopics(topics).topicNameValues().forEach((topic, future) -> {
            try {
                TopicDescription description = future.get(timeoutMs, TimeUnit.MILLISECONDS);
                counts.put(topic, description.partitions().size());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new StreamsException("Could not describe topic " + topic + " for application "
                        + metadata.applicationId() + ": " + e.getCause(), e.getCause());
                }
            } catch (InterruptedException | TimeoutException e) {
                throw adminFailure("describe topic " + topic, e);
            }
        });
        return counts;
    }

    private StreamsException adminFailure(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new StreamsException("Could not " + what + " for application " + metadata.applicationId()
            + " within " + timeoutMs + " ms: " + e, e);
    }
}
