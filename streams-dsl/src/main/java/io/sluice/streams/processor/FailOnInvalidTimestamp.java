package io.sluice.streams.processor;

import io.sluice.streams.errors.StreamsException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The default extractor: the record's own timestamp; a negative one stops processing with a clear error. */
public class FailOnInvalidTimestamp implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long timestamp = record.timestamp();
        if (timestamp < 0) {
            throw new StreamsException("Input record on " + record.topic() + "-" + record.partition() + " at offset "
                + record.offset() + " has invalid (negative) timestamp " + timestamp + "; use a different "
                + "TimestampExtractor (e.g. LogAndSkipOnInvalidTimestamp) to process such records");
        }
        return timestamp;
    }
}
