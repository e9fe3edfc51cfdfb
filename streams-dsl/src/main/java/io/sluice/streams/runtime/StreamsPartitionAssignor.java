package io.sluice.streams.runtime;

import io.sluice.streams.StreamsConfig;
import io.sluice.streams.errors.TopologyException;
import io.sluice.streams.processor.TaskId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group assignor of a Streams application's consumers ({@code partition.assignment.strategy}); name
 * {@value #NAME}, protocols COOPERATIVE (preferred) and EAGER. Every stream thread's consumer has its own
 * instance, configured by kafka-clients with the consumer's configs, which must carry:
 * <ul>
 *   <li>{@value #TOPOLOGY_METADATA_CONFIG}: the application's {@link TopologyMetadata};</li>
 *   <li>{@value #SUBSCRIPTION_SUPPLIER_CONFIG}: a {@code Supplier<SubscriptionInfo>} asked at each join for this
 *       thread's {@link SubscriptionInfo} (process id, endpoint, previous tasks, offset sums);</li>
 *   <li>optionally {@value #ASSIGNMENT_LISTENER_CONFIG}: the thread's {@link AssignmentListener};</li>
 *   <li>optionally {@code num.standby.replicas} (default 0).</li>
 * </ul>
 *
 * <p>On the group leader, {@link #assign} computes the tasks from the source topics' partition counts in the
 * leader's metadata ({@link TopologyMetadata#tasks}), lets {@link TaskAssignor} place them, and gives each member
 * the source partitions of its active tasks with an {@link AssignmentInfo}. When no valid assignment exists (a
 * source topic is missing, a sub-topology's sources are not co-partitioned, a member sends no readable
 * subscription) every member gets no partitions and an {@link AssignmentInfo} error, which its listener turns into
 * an exception naming the cause: the whole application stops instead of running part of the topology.
 *
 * <p>Threading: kafka-clients calls every method on the consumer's thread (the stream thread), inside
 * {@code poll}; an instance belongs to one consumer and keeps no state between calls except its configuration.
 */
public final class StreamsPartitionAssignor implements ConsumerPartitionAssignor, Configurable {
    public static final String NAME = "sluice-streams";
    public static final String TOPOLOGY_METADATA_CONFIG = "__sluice.topology.metadata__";
    public static final String ASSIGNMENT_LISTENER_CONFIG = "__sluice.assignment.listener__";
    public static final String SUBSCRIPTION_SUPPLIER_CONFIG = "__sluice.subscription.supplier__";

    private static final Logger log = LoggerFactory.getLogger(StreamsPartitionAssignor.class);

    private TopologyMetadata topology;
    private Supplier<SubscriptionInfo> subscription;
    private AssignmentListener listener;
    private int numStandbyReplicas;

    @Override
    public void configure(Map<String, ?> configs) {
        topology = required(configs, TOPOLOGY_METADATA_CONFIG, TopologyMetadata.class);
        @SuppressWarnings("unchecked")
        Supplier<SubscriptionInfo> supplier = required(configs, SUBSCRIPTION_SUPPLIER_CONFIG, Supplier.class);
        subscription = supplier;
        Object listenerValue = configs.get(ASSIGNMENT_LISTENER_CONFIG);
        if (listenerValue != null && !(listenerValue instanceof AssignmentListener)) {
            throw new IllegalArgumentException(ASSIGNMENT_LISTENER_CONFIG + " must be an AssignmentListener, was "
                + listenerValue.getClass().getName());
        }
        listener = (AssignmentListener) listenerValue;
        Object standbys = configs.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG);
        try {
            numStandbyReplicas = standbys == null ? 0 : Integer.parseInt(standbys.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG + " must be an integer, was "
                + standbys, e);
        }
        if (numStandbyReplicas < 0) {
            throw new IllegalArgumentException(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG
                + " must be at least 0, was " + numStandbyReplicas);
        }
    }

    private static <T> T required(Map<String, ?> configs, String key, Class<T> type) {
        Object value = configs.get(key);
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("The consumer config " + key + " must hold a " + type.getSimpleName()
                + " (set by the Streams runtime), was " + (value == null ? "absent" : value.getClass().getName()));
        }
        return type.cast(value);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<RebalanceProtocol> supportedProtocols() {
        return List.of(RebalanceProtocol.COOPERATIVE, RebalanceProtocol.EAGER);
    }

    @Override
    public ByteBuffer subscriptionUserData(Set<String> topics) {
        return subscription.get().encode();
    }

    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
        Map<String, Subscription> subscriptions = groupSubscription.groupSubscription();
        List<TaskAssignor.Member> members = new ArrayList<>();
        Map<String, String> endpoints = new HashMap<>();
        for (Map.Entry<String, Subscription> entry : subscriptions.entrySet()) {
            SubscriptionInfo info;
            try {
                info = SubscriptionInfo.decode(entry.getValue().userData());
            } catch (IllegalArgumentException e) {
                return failAll(subscriptions, AssignmentInfo.failure(AssignmentInfo.ErrorCode.INCOMPATIBLE_MEMBER,
                    "Group member " + entry.getKey() + " of application " + topology.applicationId()
                        + " sent an unreadable subscription: " + e.getMessage()));
            }
            members.add(new TaskAssignor.Member(entry.getKey(), info.processId(), info.prevActiveTasks(),
                info.taskOffsetSums(), new HashSet<>(entry.getValue().ownedPartitions())));
            endpoints.put(entry.getKey(), info.userEndpoint());
        }

        Map<TaskId, Set<TopicPartition>> tasks;
        try {
            tasks = topology.tasks(topic -> {
                Integer count = metadata.partitionCountForTopic(topic);
                return count == null ? -1 : count;
            });
        } catch (TopologyException e) {
            return failAll(subscriptions,
                AssignmentInfo.failure(AssignmentInfo.ErrorCode.INVALID_TOPOLOGY, e.getMessage()));
        }
        Set<TaskId> stateful = new HashSet<>();
        tasks.keySet().stream().filter(task -> topology.stateful(task.subtopology())).forEach(stateful::add);

        TaskAssignor.Result result = new TaskAssignor(tasks, stateful, numStandbyReplicas).assign(members);
        Map<String, Set<TopicPartition>> partitionsByHost = partitionsByHost(result, tasks, endpoints);
        Map<String, Assignment> assignments = new LinkedHashMap<>();
        result.assignment().forEach((memberId, memberTasks) -> {
            Map<TaskId, Set<TopicPartition>> active = new LinkedHashMap<>();
            memberTasks.active().forEach(task -> active.put(task, tasks.get(task)));
            AssignmentInfo info = new AssignmentInfo(AssignmentInfo.ErrorCode.NONE, "", active,
                memberTasks.standby(), partitionsByHost);
            assignments.put(memberId, new Assignment(info.partitions(), info.encode()));
        });
        log.info("Application {}: assigned {} tasks over {} members ({} withheld until their owners revoke them: "
                + "{}); {}", topology.applicationId(), tasks.size(), members.size(), result.pendingRevocation().size(),
            result.pendingRevocation(), result.assignment());
        return new GroupAssignment(assignments);
    }

    /** Who will host what once the hand-over completes: withheld tasks count at their new member. */
    private static Map<String, Set<TopicPartition>> partitionsByHost(TaskAssignor.Result result,
                                                                     Map<TaskId, Set<TopicPartition>> tasks,
                                                                     Map<String, String> endpoints) {
        Map<String, Set<TopicPartition>> byHost = new LinkedHashMap<>();
        result.hostOf().forEach((task, memberId) -> {
            String endpoint = endpoints.get(memberId);
            if (!endpoint.isEmpty()) { // application.server unset: the instance is not queryable
                byHost.computeIfAbsent(endpoint, host -> new HashSet<>()).addAll(tasks.get(task));
            }
        });
        return byHost;
    }

    private GroupAssignment failAll(Map<String, Subscription> subscriptions, AssignmentInfo failure) {
        log.error("Application {}: no assignment for any member: {}", topology.applicationId(),
            failure.errorMessage());
        Map<String, Assignment> assignments = new LinkedHashMap<>();
        subscriptions.keySet().forEach(memberId -> assignments.put(memberId,
            new Assignment(List.of(), failure.encode())));
        return new GroupAssignment(assignments);
    }

    @Override
    public void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
        AssignmentInfo info = AssignmentInfo.decode(assignment.userData(), assignment.partitions());
        if (listener != null) {
            listener.onAssignment(info);
        }
    }
}
