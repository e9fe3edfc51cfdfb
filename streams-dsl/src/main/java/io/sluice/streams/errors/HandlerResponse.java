package io.sluice.streams.errors;

import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What an exception handler answered: go on or fail, and the dead letter records to send first. The shared shape of
 * {@link DeserializationExceptionHandler.Response} and {@link ProcessingExceptionHandler.Response}. Immutable.
 *
 * @param <R> the handler's result type
 */
public abstract class HandlerResponse<R extends Enum<R>> {
    private final R result;
    private final List<ProducerRecord<byte[], byte[]>> deadLetterQueueRecords;

    HandlerResponse(R result, List<ProducerRecord<byte[], byte[]>> deadLetterQueueRecords) {
        this.result = result;
        this.deadLetterQueueRecords = deadLetterQueueRecords == null ? List.of() : List.copyOf(deadLetterQueueRecords);
    }

    public R result() {
        return result;
    }

    /** The records to send to a dead letter queue, possibly none; unmodifiable. */
    public List<ProducerRecord<byte[], byte[]>> deadLetterQueueRecords() {
        return deadLetterQueueRecords;
    }
}
