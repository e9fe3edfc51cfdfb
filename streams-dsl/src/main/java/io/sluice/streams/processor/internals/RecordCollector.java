package io.sluice.streams.processor.internals;

import org.apache.kafka.common.header.Headers;

/**
 * Where a task's output goes (sink topics and changelogs): a producer in a running app, in-memory queues in the
 * test driver. Called from the task's thread.
 */
public interface RecordCollector {
    /** @param partition the partition, or {@code null} to let the producer's partitioner choose by key */
    void send(String topic, Integer partition, byte[] key, byte[] value, Headers headers, long timestamp);

    /** Partitions of {@code topic}, for stream partitioners. */
    int partitionsFor(String topic);

    /** Blocks until everything sent so far is acknowledged. */
    void flush();
}
