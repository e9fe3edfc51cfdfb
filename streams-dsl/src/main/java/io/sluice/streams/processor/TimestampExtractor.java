package io.sluice.streams.processor;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Gives each input record its event time. A negative result means "no valid time": the record is skipped and
 * counted, never processed with a made-up time.
 */
@FunctionalInterface
public interface TimestampExtractor {
    /**
     * @param record the deserialized input record
     * @param partitionTime the largest timestamp seen on this record's partition so far, or -1
     */
    long extract(ConsumerRecord<Object, Object> record, long partitionTime);
}
