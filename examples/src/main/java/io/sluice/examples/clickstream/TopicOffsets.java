package io.sluice.examples.clickstream;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Reads how far topics and consumer groups are, through the Admin API: the end offsets of topics and whether a
 * group's committed offsets reached them (consumer lag 0). Works against any Kafka-protocol cluster.
 *
 * <p>Threading: safe for concurrent callers (the Admin client is).
 */
final class TopicOffsets implements AutoCloseable {
    private static final long TIMEOUT_MS = 10_000;

    private final Admin admin;

    TopicOffsets(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            AdminClientConfig.CLIENT_ID_CONFIG, "clickstream-progress"));
    }

    /** Records in the topic so far (the sum of its partitions' end offsets); 0 for a topic that does not exist. */
    long endOffset(String topic) {
        return endOffsets(List.of(topic)).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Whether {@code group} has committed, for every partition of {@code topics}, the partition's end offset; a
     * partition with records and no commit is not caught up.
     */
    boolean caughtUp(String group, Collection<String> topics) {
        Map<TopicPartition, Long> ends = endOffsets(topics);
        Map<TopicPartition, OffsetAndMetadata> committed =
            get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), "committed offsets of " + group);
        return !ends.isEmpty() && ends.entrySet().stream().allMatch(end -> {
            OffsetAndMetadata commit = committed.get(end.getKey());
            return end.getValue() == 0 || commit != null && commit.offset() >= end.getValue();
        });
    }

    private Map<TopicPartition, Long> endOffsets(Collection<String> topics) {
        Set<TopicPartition> partitions;
        try {
            partitions = get(admin.describeTopics(topics).allTopicNames(), "partitions of " + topics).values().stream()
                .flatMap(description -> description.partitions().stream()
                    .map(partition -> new TopicPartition(description.name(), partition.partition())))
                .collect(Collectors.toSet());
        } catch (UnknownTopicOrPartitionException e) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> latest =
            partitions.stream().collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
        return get(admin.listOffsets(latest).all(), "end offsets of " + topics).entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    private static <T> T get(KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException unknown) {
                throw unknown;
            }
            throw new PipelineFailedException("Could not read the " + what + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineFailedException("Interrupted while reading the " + what, e);
        } catch (TimeoutException e) {
            throw new PipelineFailedException("Timed out after " + TIMEOUT_MS + " ms reading the " + what, e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
