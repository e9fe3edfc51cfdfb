package io.sluice.streams.processor;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record's metadata timestamp; a record with a negative one is logged at WARN and skipped (the negative
 * timestamp is returned unchanged, which tells the runtime to drop it). Stateless and thread-safe.
 */
public class LogAndSkipOnInvalidTimestamp extends ExtractRecordMetadataTimestamp {
    private static final Logger LOG = LoggerFactory.getLogger(LogAndSkipOnInvalidTimestamp.class);

    @Override
    public long onInvalidTimestamp(ConsumerRecord<Object, Object> record, long recordTimestamp, long partitionTime) {
        LOG.warn("Skipping record in {} with invalid (negative) timestamp {}", describe(record), recordTimestamp);
        return recordTimestamp;
    }
}
