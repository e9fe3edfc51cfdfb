package io.sluice.streams.processor;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Extractors that use the timestamp carried in the record's metadata (producer create time or broker append
 * time) and differ only in what they do when it is negative, e.g. a record written by a pre-0.10 client.
 */
abstract class ExtractRecordMetadataTimestamp implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long timestamp = record.timestamp();
        return timestamp < 0 ? onInvalidTimestamp(record, timestamp, partitionTime) : timestamp;
    }

    /** The timestamp to use when the metadata timestamp {@code recordTimestamp} is negative. */
    public abstract long onInvalidTimestamp(ConsumerRecord<Object, Object> record, long recordTimestamp,
                                            long partitionTime);

    static String describe(ConsumerRecord<Object, Object> record) {
        return record.topic() + "-" + record.partition() + " at offset " + record.offset();
    }
}
