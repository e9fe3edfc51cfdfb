package io.sluice.connect.runtime.errors;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record that failed, in the form the error reporters need: the bytes to put in the dead letter queue and where
 * the record came from. For a sink record these are the consumed bytes and the consumed topic, partition and
 * offset; for a source record (Sluice's extension) the best-effort conversion of the record as the connector
 * produced it, its target topic and partition, and no offset ({@code -1}).
 *
 * @param partition the partition, or null when the record has none (a source record without one)
 * @param offset the Kafka offset, or -1 for a source record
 * @param headers the record's Kafka headers, copied into the dead letter record
 * @param description how the logs name the record when message contents are included
 */
public record FailedRecord(String topic, Integer partition, long offset, byte[] key, byte[] value, Headers headers,
                           String description) {

    public static FailedRecord withoutContent(String topic, Integer partition, long offset, String description) {
        return new FailedRecord(topic, partition, offset, null, null, new RecordHeaders(), description);
    }
}
