package io.sluice.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.log.embedded.EmbeddedBroker;
import io.sluice.log.embedded.EmbeddedBrokerExtension;
import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.kstream.Consumed;
import io.sluice.streams.kstream.Produced;
import io.sluice.streams.processor.TaskId;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two real consumers of one group on the embedded broker use the assignor (cooperative protocol): they split the
 * four tasks of a one-sub-topology topology, and when one leaves the other takes all four.
 */
class StreamsPartitionAssignorIT {
    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = new EmbeddedBrokerExtension();

    private static final String APP = "assignor-it";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** One thread's consumer with its assignor wiring, remembering the last assignment it was told. */
    private static final class Member implements AutoCloseable {
        final KafkaConsumer<byte[], byte[]> consumer;
        final AtomicReference<AssignmentInfo> last = new AtomicReference<>();

        Member(EmbeddedBroker broker, TopologyMetadata topology) {
            UUID process = UUID.randomUUID();
            Map<String, Object> configs = new HashMap<>();
            configs.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            configs.put(ConsumerConfig.GROUP_ID_CONFIG, APP);
            configs.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic"); // client-side assignors need it
            configs.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                StreamsPartitionAssignor.class.getName());
            configs.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            configs.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            configs.put(StreamsPartitionAssignor.TOPOLOGY_METADATA_CONFIG, topology);
            configs.put(StreamsPartitionAssignor.SUBSCRIPTION_SUPPLIER_CONFIG, (Supplier<SubscriptionInfo>) () ->
                new SubscriptionInfo(process, "", last.get() == null ? Set.of() : last.get().activeTasks().keySet(),
                    Map.of()));
            configs.put(StreamsPartitionAssignor.ASSIGNMENT_LISTENER_CONFIG, (AssignmentListener) last::set);
            consumer = new KafkaConsumer<>(configs);
            consumer.subscribe(topology.sourceTopics());
        }

        Set<TaskId> tasks() {
            return last.get() == null ? Set.of() : last.get().activeTasks().keySet();
        }

        @Override
        public void close() {
            consumer.close(); // leaves the group, so the survivor rebalances at once
        }
    }

    @Test
    void twoMembersSplitTheTasksAndTheSurvivorTakesAllWhenOneLeaves(EmbeddedBroker broker) {
        broker.createTopic("in", 4, Map.of());
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        TopologyMetadata topology = new TopologyMetadata(builder.build().internalTopologyBuilder(), APP);

        Set<TopicPartition> all = new HashSet<>();
        for (int p = 0; p < 4; p++) {
            all.add(new TopicPartition("in", p));
        }
        try (Member first = new Member(broker, topology)) {
            pollUntil(List.of(first), () -> first.consumer.assignment().equals(all));
            assertThat(first.tasks()).hasSize(4);

            // The second member joins: under the cooperative protocol the first gives up two partitions in one
            // rebalance and the second gets them in the next (the consumer's own check rejects an assignment
            // that hands over a partition its owner still holds).
            Member second = new Member(broker, topology);
            try {
                pollUntil(List.of(first, second), () -> first.tasks().size() == 2 && second.tasks().size() == 2
                    && first.consumer.assignment().size() == 2 && second.consumer.assignment().size() == 2);
                Set<TaskId> union = new HashSet<>(first.tasks());
                union.addAll(second.tasks());
                assertThat(union).containsExactlyInAnyOrder(new TaskId(0, 0), new TaskId(0, 1), new TaskId(0, 2),
                    new TaskId(0, 3));
                for (Member member : List.of(first, second)) {
                    assertThat(member.consumer.assignment())
                        .containsExactlyInAnyOrderElementsOf(member.last.get().partitions());
                }
            } finally {
                second.close();
            }
            Set<TaskId> kept = first.tasks();
            pollUntil(List.of(first), () -> first.tasks().size() == 4 && first.consumer.assignment().size() == 4);
            assertThat(first.tasks()).containsAll(kept);
            assertThat(first.consumer.assignment()).isEqualTo(all);
        }
    }

    /** Polls every member in turn (each must poll for a rebalance to complete) until {@code done} or timeout. */
    private static void pollUntil(List<Member> members, BooleanSupplier done) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                StringBuilder state = new StringBuilder();
                members.forEach(m -> state.append(m.consumer.assignment()).append(' ').append(m.tasks()).append("; "));
                throw new AssertionError("Assignment not reached within " + TIMEOUT + ": " + state);
            }
            members.forEach(member -> member.consumer.poll(Duration.ofMillis(100)));
        }
    }
}
