package io.sluice.streams.processor;

import io.sluice.streams.errors.StreamsException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The record's metadata timestamp; a record with a negative one gets its partition's current stream time
 * instead. Fails if the partition has no stream time yet (its first record is the invalid one), because there is
 * nothing sensible to substitute. Stateless and thread-safe.
 */
public class UsePartitionTimeOnInvalidTimestamp extends ExtractRecordMetadataTimestamp {
    @Override
    public long onInvalidTimestamp(ConsumerRecord<Object, Object> record, long recordTimestamp, long partitionTime) {
        if (partitionTime < 0) {
            throw new StreamsException("Cannot replace the invalid timestamp " + recordTimestamp + " of the record in "
                + describe(record) + " by the partition time, because the partition has no valid timestamp yet; "
                + "use a different TimestampExtractor to process this record.");
        }
        return partitionTime;
    }
}
