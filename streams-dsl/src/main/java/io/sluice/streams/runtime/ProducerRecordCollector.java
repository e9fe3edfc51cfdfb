package io.sluice.streams.runtime;

import io.sluice.streams.errors.StreamsException;
import io.sluice.streams.processor.internals.RecordCollector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;

/**
 * Where a stream thread's tasks write their output and changelogs: one {@link Producer} per thread. A record with
 * no partition is placed by the producer's partitioner (murmur2 of the serialized key, as Kafka Streams does, so
 * co-partitioning with topics written by other Kafka clients holds).
 *
 * <p>Sends are asynchronous. The first send that fails is remembered and thrown, naming its topic and partition,
 * by the next {@link #send} or {@link #flush}: at-least-once means the offsets of its input must never be
 * committed, and the thread dies before its next commit. For changelog topics the collector keeps the highest
 * acknowledged offset per partition, which the commit writes to the task's checkpoint.
 *
 * <p>Threading: {@code send}, {@code flush} and {@code partitionsFor} are called from the owning stream thread;
 * producer callbacks run on the producer's I/O thread, so the error and the acknowledged offsets are kept in
 * thread-safe holders.
 */
public final class ProducerRecordCollector implements RecordCollector {
    private final Producer<byte[], byte[]> producer;
    private final Set<String> changelogTopics;
    private final AtomicReference<StreamsException> firstError = new AtomicReference<>();
    private final Map<TopicPartition, Long> ackedChangelogOffsets = new ConcurrentHashMap<>();
    private final Map<String, Integer> partitionCounts = new HashMap<>();

    /**
     * @param changelogTopics topics whose acknowledged offsets are tracked for checkpoints
     */
    public ProducerRecordCollector(Producer<byte[], byte[]> producer, Set<String> changelogTopics) {
        this.producer = producer;
        this.changelogTopics = Set.copyOf(changelogTopics);
    }

    @Override
    public void send(String topic, Integer partition, byte[] key, byte[] value, Headers headers, long timestamp) {
        throwIfFailed();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, partition, timestamp, key, value, headers);
        producer.send(record, (metadata, exception) -> {
            if (exception != null) {
                firstError.compareAndSet(null, new StreamsException("Error sending a record to topic " + topic
                    + " partition " + (partition != null ? partition : metadata != null ? metadata.partition() : "?")
                    + " (timestamp " + timestamp + "); its input offsets will not be committed: " + exception,
                    exception));
            } else if (changelogTopics.contains(topic)) {
                ackedChangelogOffsets.merge(new TopicPartition(topic, metadata.partition()), metadata.offset(),
                    Math::max);
            }
        });
    }

    @Override
    public int partitionsFor(String topic) {
        return partitionCounts.computeIfAbsent(topic, t -> {
            List<PartitionInfo> partitions = producer.partitionsFor(t);
            if (partitions == null || partitions.isEmpty()) {
                throw new StreamsException("Cannot find the partitions of topic " + t + " to partition a record");
            }
            return partitions.size();
        });
    }

    /** Waits until every record sent so far is acknowledged; throws the first send error, if any. */
    @Override
    public void flush() {
        producer.flush();
        throwIfFailed();
    }

    /** The highest acknowledged offset of each changelog partition written so far (a snapshot). */
    public Map<TopicPartition, Long> ackedChangelogOffsets() {
        return Map.copyOf(ackedChangelogOffsets);
    }

    private void throwIfFailed() {
        StreamsException error = firstError.get();
        if (error != null) {
            throw error;
        }
    }
}
