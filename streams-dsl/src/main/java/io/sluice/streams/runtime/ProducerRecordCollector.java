package io.sluice.streams.runtime;

import io.sluice.streams.errors.ErrorHandlerContext;
import io.sluice.streams.errors.ProductionExceptionHandler;
import io.sluice.streams.errors.StreamsException;
import io.sluice.streams.processor.internals.RecordCollector;
import io.sluice.streams.processor.internals.TaskFailureException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.header.Headers;

/**
 * Where a stream thread's tasks write their output and changelogs: one {@link Producer} per thread. A record with
 * no partition is placed by the producer's partitioner (murmur2 of the serialized key, as Kafka Streams does, so
 * co-partitioning with topics written by other Kafka clients holds).
 *
 * <p>Sends are asynchronous, and so are their failures. A failed sink record (sent with an
 * {@link ErrorHandlerContext}) is queued and handed to the thread's {@link ProductionExceptionHandler} at the next
 * {@link #send} or {@link #flush}, on the stream thread: RESUME skips it (its input offsets are committed as if it
 * had been written), FAIL or RETRY fail. A failed changelog or dead letter write, and authentication or
 * authorization errors, fail without asking. The first failure is remembered and thrown, as a
 * {@link TaskFailureException} naming its topic, partition and task, by that and every later {@code send} and
 * {@code flush}: at-least-once means the offsets of its input must never be committed, and the thread dies before
 * its next commit. For changelog topics the collector keeps the highest acknowledged offset per partition, which
 * the commit writes to the task's checkpoint.
 *
 * <p>Threading: {@code send}, {@code flush} and {@code partitionsFor} are called from the owning stream thread;
 * producer callbacks run on the producer's I/O thread (or inside {@code send} for errors found before sending), so
 * the failures, the error and the acknowledged offsets are kept in thread-safe holders.
 */
public final class ProducerRecordCollector implements RecordCollector {
    private final Producer<byte[], byte[]> producer;
    private final Set<String> changelogTopics;
    private final ProductionExceptionHandler handler;
    private final Queue<SendFailure> unhandled = new ConcurrentLinkedQueue<>();
    private final AtomicReference<TaskFailureException> firstError = new AtomicReference<>();
    private final Map<TopicPartition, Long> ackedChangelogOffsets = new ConcurrentHashMap<>();
    private final Map<String, Integer> partitionCounts = new HashMap<>();

    /**
     * @param changelogTopics topics whose acknowledged offsets are tracked for checkpoints
     * @param handler         the thread's production exception handler
     */
    public ProducerRecordCollector(Producer<byte[], byte[]> producer, Set<String> changelogTopics,
                                   ProductionExceptionHandler handler) {
        this.producer = producer;
        this.changelogTopics = Set.copyOf(changelogTopics);
        this.handler = handler;
    }

    @Override
    public void send(String topic, Integer partition, byte[] key, byte[] value, Headers headers, long timestamp) {
        send(topic, partition, key, value, headers, timestamp, null);
    }

    /** @param origin {@code null} for a record whose failure fails the task without asking the handler */
    @Override
    public void send(String topic, Integer partition, byte[] key, byte[] value, Headers headers, long timestamp,
                     ErrorHandlerContext origin) {
        handleFailures();
        sendAsync(topic, partition, key, value, headers, timestamp, origin);
    }

    private void sendAsync(String topic, Integer partition, byte[] key, byte[] value, Headers headers,
                           long timestamp, ErrorHandlerContext origin) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, partition, timestamp, key, value, headers);
        producer.send(record, (metadata, exception) -> {
            if (exception != null) {
                Integer sentTo = partition != null ? partition
                    : metadata != null && metadata.partition() >= 0 ? metadata.partition() : null;
                SendFailure failure = new SendFailure(record, sentTo, origin, exception);
                if (origin == null || exception instanceof AuthenticationException
                    || exception instanceof AuthorizationException) {
                    firstError.compareAndSet(null, failure.error("no exception handler may skip it"));
                } else {
                    unhandled.add(failure);
                }
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

    /**
     * Waits until every record sent so far is acknowledged or failed, and has the failures handled; throws the
     * first failure that fails the task, if any.
     */
    @Override
    public void flush() {
        producer.flush();
        handleFailures();
    }

    /** The highest acknowledged offset of each changelog partition written so far (a snapshot). */
    public Map<TopicPartition, Long> ackedChangelogOffsets() {
        return Map.copyOf(ackedChangelogOffsets);
    }

    /** Asks the handler about each queued failure (on the stream thread), then throws the first fatal one. */
    private void handleFailures() {
        SendFailure failure;
        while (firstError.get() == null && (failure = unhandled.poll()) != null) {
            handle(failure);
        }
        TaskFailureException error = firstError.get();
        if (error != null) {
            throw error;
        }
    }

    private void handle(SendFailure failure) {
        ProducerRecord<byte[], byte[]> described = new ProducerRecord<>(failure.record.topic(), failure.partition,
            failure.record.timestamp(), failure.record.key(), failure.record.value(), failure.record.headers());
        ProductionExceptionHandler.Response response;
        try {
            response = handler.handleError(failure.origin, described, failure.exception);
        } catch (RuntimeException handlerError) {
            TaskFailureException error = failure.error("the production exception handler threw " + handlerError);
            error.addSuppressed(handlerError);
            firstError.compareAndSet(null, error);
            return;
        }
        if (response == null) {
            firstError.compareAndSet(null, failure.error("the production exception handler returned null"));
            return;
        }
        for (ProducerRecord<byte[], byte[]> deadLetter : response.deadLetterQueueRecords()) {
            sendAsync(deadLetter.topic(), deadLetter.partition(), deadLetter.key(), deadLetter.value(),
                deadLetter.headers(), deadLetter.timestamp() != null ? deadLetter.timestamp()
                    : failure.origin.timestamp(), null);
        }
        if (response.result() != ProductionExceptionHandler.Result.RESUME) {
            firstError.compareAndSet(null, failure.error("the production exception handler answered "
                + response.result()));
        }
    }

    /** A send that failed, with what is known of it when the producer reports it. */
    private record SendFailure(ProducerRecord<byte[], byte[]> record, Integer partition, ErrorHandlerContext origin,
                               Exception exception) {
        TaskFailureException error(String why) {
            String task = origin == null ? "" : " by task " + origin.taskId() + (origin.topic() == null ? ""
                : " (input record at offset " + origin.offset() + " of " + origin.topic() + "-" + origin.partition()
                    + ")");
            return new TaskFailureException("Error sending a record to topic " + record.topic() + " partition "
                + (partition == null ? "(unknown)" : partition) + task + " (timestamp " + record.timestamp()
                + "); its input offsets will not be committed (" + why + "): " + exception, exception);
        }
    }
}
