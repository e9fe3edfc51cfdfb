package io.sluice.streams.processor;

import org.apache.kafka.common.header.Headers;

/**
 * Where the record being processed came from. For a record created by a punctuator or forwarded from a
 * table's cache, topic, partition and offset describe the record that last updated it, or are {@code null} /
 * {@code -1} when there is none.
 */
public interface RecordContext {
    String topic();

    int partition();

    long offset();

    /** The record's timestamp in epoch ms (as extracted, or as set by an upstream processor). */
    long timestamp();

    /** The record's headers; mutable, and changes are seen by downstream processors and sinks. */
    Headers headers();
}
