package io.sluice.streams.processor;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Processing-time semantics: every record gets the wall-clock time at which it is extracted, ignoring its
 * metadata timestamp. Results then depend on when records are processed, so reprocessing is not repeatable.
 */
public class WallclockTimestampExtractor implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        return System.currentTimeMillis();
    }
}
