package io.sluice.streams.processor;

import org.apache.kafka.common.header.Headers;

/** The record being processed as a {@link TopicNameExtractor} sees it. */
public interface RecordContext {
    /** Source topic, or {@code null} for a record made by a punctuator. */
    String topic();

    /** Source partition, or -1. */
    int partition();

    /** Source offset, or -1. */
    long offset();

    long timestamp();

    Headers headers();
}
