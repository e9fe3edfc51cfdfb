package io.sluice.streams.processor;

import io.sluice.streams.errors.StreamsException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The default extractor: the record's metadata timestamp, failing the task on a negative one, since silently
 * dropping or re-timing records would change results. Stateless and thread-safe.
 */
public class FailOnInvalidTimestamp extends ExtractRecordMetadataTimestamp {
    @Override
    public long onInvalidTimestamp(ConsumerRecord<Object, Object> record, long recordTimestamp, long partitionTime) {
        throw new StreamsException("Record in " + describe(record) + " has invalid (negative) timestamp "
            + recordTimestamp + ". Possibly it was written by a producer without timestamps, or the topic carries no "
            + "timestamps. Use a different TimestampExtractor (e.g. LogAndSkipOnInvalidTimestamp, "
            + "UsePartitionTimeOnInvalidTimestamp or a custom one) to process such records.");
    }
}
