package io.sluice.streams.processor.internals;

import io.sluice.streams.processor.RecordContext;
import io.sluice.streams.processor.api.RecordMetadata;
import org.apache.kafka.common.header.Headers;

/** The source and event time of the record being processed (topic {@code null} inside a punctuator). */
public record ProcessorRecordContext(String topic, int partition, long offset, long timestamp, Headers headers)
    implements RecordContext, RecordMetadata {
}
