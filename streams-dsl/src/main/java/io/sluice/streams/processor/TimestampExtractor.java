package io.sluice.streams.processor;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Assigns the event time of a consumed record, which drives windowing, joins and stream-time punctuation.
 * A negative result means "no valid timestamp": the runtime drops the record (and counts and logs the drop)
 * instead of processing it. Called on the stream thread that polls the record's partition; implementations must
 * be cheap and, if shared between sources, stateless.
 */
@FunctionalInterface
public interface TimestampExtractor {
    /**
     * @param record        the record as consumed (key and value already deserialized)
     * @param partitionTime the largest timestamp seen so far on the record's partition, or negative if none
     * @return the record's timestamp in epoch milliseconds; negative to drop the record
     */
    long extract(ConsumerRecord<Object, Object> record, long partitionTime);
}
