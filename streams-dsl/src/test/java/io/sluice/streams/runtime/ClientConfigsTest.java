package io.sluice.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.StreamsConfig;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

class ClientConfigsTest {
    private static StreamsConfig config(Map<String, Object> extra) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "cc");
        props.putAll(extra);
        return new StreamsConfig(props);
    }

    @Test
    void theMainConsumerRunsTheStreamsAssignorWithTheClassicProtocolAndItsCallbacks() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in").to("out");
        TopologyMetadata metadata = new TopologyMetadata(builder.build().internalTopologyBuilder(), "cc");
        Supplier<SubscriptionInfo> subscription = () -> null;
        AssignmentListener listener = info -> { };

        Map<String, Object> props = ClientConfigs.consumer(config(Map.of("group.protocol", "consumer")), "b:1", "c",
            metadata, subscription, listener);

        assertThat(props).containsEntry(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                StreamsPartitionAssignor.class.getName())
            .containsEntry(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "CLASSIC")
            .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "cc")
            .containsEntry(StreamsPartitionAssignor.TOPOLOGY_METADATA_CONFIG, metadata)
            .containsEntry(StreamsPartitionAssignor.SUBSCRIPTION_SUPPLIER_CONFIG, subscription)
            .containsEntry(StreamsPartitionAssignor.ASSIGNMENT_LISTENER_CONFIG, listener);
    }

    @Test
    void theRestoreConsumerHasNoGroupNoResetAndTakesRestorePrefixedOverrides() {
        Map<String, Object> props = ClientConfigs.restoreConsumer(config(Map.of(
            "max.poll.records", "100",
            "consumer.fetch.max.bytes", "1000",
            "restore.consumer.max.poll.records", "2000",
            "group.id", "someone-else",
            "auto.offset.reset", "earliest")), "b:1", "c-restore");

        assertThat(props).doesNotContainKeys(ConsumerConfig.GROUP_ID_CONFIG)
            .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none")
            .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
            .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000")
            .containsEntry(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, "1000")
            .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "c-restore");
        assertThat(props.keySet()).doesNotContainAnyElementsOf(Set.of(StreamsConfig.APPLICATION_ID_CONFIG));
    }
}
