package io.sluice.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.errors.StreamsException;
import io.sluice.streams.errors.TopologyException;
import io.sluice.streams.kstream.Consumed;
import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.processor.TaskId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupAssignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/** The assignor's wire work around {@link TaskAssignor}, on kafka-clients' own metadata and subscription types. */
class StreamsPartitionAssignorTest {
    private static final Node NODE = new Node(0, "localhost", 9092);
    private static final ConsumerGroupMetadata GROUP = null; // the assignor does not read the group metadata

    /** "left" joined with table "right" (stateful, co-partitioned) in one sub-topology. */
    private static TopologyMetadata join() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("left", Consumed.with(Serdes.String(), Serdes.String()))
            .join(builder.table("right", Consumed.with(Serdes.String(), Serdes.String()), Materialized.as("r")),
                (l, r) -> l + r)
            .to("out");
        return new TopologyMetadata(builder.build().internalTopologyBuilder(), "app");
    }

    private static Cluster cluster(Map<String, Integer> partitionCounts) {
        List<PartitionInfo> partitions = new ArrayList<>();
        partitionCounts.forEach((topic, count) -> {
            for (int p = 0; p < count; p++) {
                partitions.add(new PartitionInfo(topic, p, NODE, new Node[] {NODE}, new Node[] {NODE}));
            }
        });
        return new Cluster("c", List.of(NODE), partitions, Set.of(), Set.of());
    }

    private static StreamsPartitionAssignor assignor(SubscriptionInfo self, AssignmentListener listener,
                                                     int standbys) {
        Map<String, Object> configs = new HashMap<>();
        configs.put(StreamsPartitionAssignor.TOPOLOGY_METADATA_CONFIG, join());
        configs.put(StreamsPartitionAssignor.SUBSCRIPTION_SUPPLIER_CONFIG, (Supplier<SubscriptionInfo>) () -> self);
        configs.put(StreamsPartitionAssignor.ASSIGNMENT_LISTENER_CONFIG, listener);
        configs.put("num.standby.replicas", String.valueOf(standbys));
        StreamsPartitionAssignor assignor = new StreamsPartitionAssignor();
        assignor.configure(configs);
        return assignor;
    }

    private static SubscriptionInfo info(String endpoint) {
        return new SubscriptionInfo(UUID.randomUUID(), endpoint, Set.of(), Map.of());
    }

    private static Subscription subscription(StreamsPartitionAssignor assignor) {
        return new Subscription(List.of("left", "right"), assignor.subscriptionUserData(Set.of("left", "right")));
    }

    @Test
    void givesEachMemberTheSourcePartitionsOfItsTasksWithStandbysAndTheHostMap() {
        List<AssignmentInfo> received = new ArrayList<>();
        StreamsPartitionAssignor first = assignor(info("h1:1"), received::add, 1);
        StreamsPartitionAssignor second = assignor(info("h2:2"), received::add, 1);
        GroupAssignment result = first.assign(cluster(Map.of("left", 2, "right", 2)), new GroupSubscription(
            Map.of("m1", subscription(first), "m2", subscription(second))));

        Assignment m1 = result.groupAssignment().get("m1");
        Assignment m2 = result.groupAssignment().get("m2");
        first.onAssignment(m1, GROUP);
        second.onAssignment(m2, GROUP);
        AssignmentInfo info1 = received.get(0);
        AssignmentInfo info2 = received.get(1);
        assertThat(info1.activeTasks()).hasSize(1);
        TaskId task1 = info1.activeTasks().keySet().iterator().next();
        assertThat(info1.activeTasks().get(task1)).containsExactlyInAnyOrder(
            new TopicPartition("left", task1.partition()), new TopicPartition("right", task1.partition()));
        assertThat(m1.partitions()).containsExactlyInAnyOrderElementsOf(info1.activeTasks().get(task1));
        TaskId task2 = info2.activeTasks().keySet().iterator().next();
        assertThat(task2).isNotEqualTo(task1);
        assertThat(info1.standbyTasks()).containsExactly(task2); // the join's table makes the tasks stateful
        assertThat(info2.standbyTasks()).containsExactly(task1);
        assertThat(info1.partitionsByHost()).isEqualTo(info2.partitionsByHost());
        assertThat(info1.partitionsByHost().get("h1:1")).isEqualTo(info1.activeTasks().get(task1));
        assertThat(info1.partitionsByHost().get("h2:2")).isEqualTo(info2.activeTasks().get(task2));
    }

    @Test
    void aMissingSourceTopicFailsEveryMemberWithAClearTopologyError() {
        AtomicReference<AssignmentInfo> received = new AtomicReference<>();
        StreamsPartitionAssignor assignor = assignor(info(""), received::set, 0);
        GroupAssignment result = assignor.assign(cluster(Map.of("left", 2)),
            new GroupSubscription(Map.of("m1", subscription(assignor))));
        assertThat(result.groupAssignment().get("m1").partitions()).isEmpty();
        assignor.onAssignment(result.groupAssignment().get("m1"), GROUP);
        assertThatThrownBy(received.get()::throwIfFailed).isInstanceOf(TopologyException.class)
            .hasMessageContaining("Source topic right").hasMessageContaining("does not exist");
    }

    @Test
    void aCoPartitioningMismatchFailsEveryMemberNamingTheTopicsAndCounts() {
        AtomicReference<AssignmentInfo> received = new AtomicReference<>();
        StreamsPartitionAssignor assignor = assignor(info(""), received::set, 0);
        StreamsPartitionAssignor other = assignor(info(""), info -> { }, 0);
        GroupAssignment result = assignor.assign(cluster(Map.of("left", 3, "right", 2)),
            new GroupSubscription(Map.of("m1", subscription(assignor), "m2", subscription(other))));
        assertThat(result.groupAssignment()).containsOnlyKeys("m1", "m2");
        result.groupAssignment().values().forEach(assignment -> assertThat(assignment.partitions()).isEmpty());
        assignor.onAssignment(result.groupAssignment().get("m2"), GROUP);
        assertThatThrownBy(received.get()::throwIfFailed).isInstanceOf(TopologyException.class)
            .hasMessageContaining("co-partitioned").hasMessageContaining("left=3").hasMessageContaining("right=2");
    }

    @Test
    void aMemberWithoutStreamsSubscriptionDataFailsTheGroupNamingTheMember() {
        AtomicReference<AssignmentInfo> received = new AtomicReference<>();
        StreamsPartitionAssignor assignor = assignor(info(""), received::set, 0);
        GroupAssignment result = assignor.assign(cluster(Map.of("left", 1, "right", 1)), new GroupSubscription(
            Map.of("m1", subscription(assignor), "plain-consumer", new Subscription(List.of("left")))));
        assignor.onAssignment(result.groupAssignment().get("m1"), GROUP);
        assertThatThrownBy(received.get()::throwIfFailed).isExactlyInstanceOf(StreamsException.class)
            .hasMessageContaining("plain-consumer").hasMessageContaining("application app");
    }

    @Test
    void configureRejectsMissingRuntimeObjectsNamingTheKey() {
        assertThatThrownBy(() -> new StreamsPartitionAssignor().configure(Map.of()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(StreamsPartitionAssignor.TOPOLOGY_METADATA_CONFIG).hasMessageContaining("absent");
    }
}
