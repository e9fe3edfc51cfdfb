package io.sluice.streams.processor.internals;

import io.sluice.streams.errors.ErrorHandlerContext;
import org.apache.kafka.common.header.Headers;

/**
 * Where a task's output goes (sink topics and changelogs): a producer in a running app, in-memory queues in the
 * test driver. Called from the task's thread.
 */
public interface RecordCollector {
    /**
     * Sends a record no exception handler may skip (a changelog write, a dead letter): if it fails, the task fails.
     *
     * @param partition the partition, or {@code null} to let the producer's partitioner choose by key
     */
    void send(String topic, Integer partition, byte[] key, byte[] value, Headers headers, long timestamp);

    /**
     * Sends a sink's output record: if it fails, the production exception handler decides, told {@code origin}
     * (the input record being processed when it was sent). The default is for collectors whose sends cannot fail.
     */
    default void send(String topic, Integer partition, byte[] key, byte[] value, Headers headers, long timestamp,
                      ErrorHandlerContext origin) {
        send(topic, partition, key, value, headers, timestamp);
    }

    /** Partitions of {@code topic}, for stream partitioners. */
    int partitionsFor(String topic);

    /** Blocks until everything sent so far is acknowledged (or its failure handled). */
    void flush();
}
