package io.sluice.streams.processor.api;

/** Where the record being processed came from: absent for records a punctuator makes. */
public interface RecordMetadata {
    String topic();

    int partition();

    long offset();
}
