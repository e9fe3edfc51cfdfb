package io.sluice.streams.errors;

import io.sluice.streams.processor.TaskId;
import org.apache.kafka.common.header.Headers;

/**
 * Where a record failed, as an exception handler sees it: the input record's topic, partition, offset, headers and
 * timestamp, its raw key and value bytes, the node that failed and the task.
 *
 * <p>Immutable for the duration of the handler call; handlers must not keep it.
 */
public interface ErrorHandlerContext {
    /** The input topic, or {@code null} when the failure did not come from an input record (a punctuator). */
    String topic();

    /** The input partition, or -1. */
    int partition();

    /** The input offset, or -1. */
    long offset();

    Headers headers();

    /** The name of the source or processor node that failed. */
    String processorNodeId();

    TaskId taskId();

    /** The record's timestamp: its event time when known, else the one it was written with. */
    long timestamp();

    /** The input record's key bytes as read, or {@code null}. */
    byte[] sourceRawKey();

    /** The input record's value bytes as read, or {@code null}. */
    byte[] sourceRawValue();
}
