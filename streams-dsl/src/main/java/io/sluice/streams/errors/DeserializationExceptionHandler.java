package io.sluice.streams.errors;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Configurable;

/**
 * Decides what happens to an input record whose key or value cannot be deserialized: skip it and go on, or fail the
 * task; either way it may also send records (usually the failed one) to a dead letter queue. Chosen by
 * {@code deserialization.exception.handler}; the default fails.
 *
 * <p>Implement {@link #handleError}; {@link #handle} is the older form, still honoured for handlers written
 * against it. Called on the task's thread; an instance serves every task of one stream thread.
 */
public interface DeserializationExceptionHandler extends Configurable {
    /**
     * The older form of {@link #handleError}, without dead letter records.
     *
     * @deprecated implement {@link #handleError} instead
     */
    @Deprecated
    default DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                  Exception exception) {
        throw new UnsupportedOperationException(getClass().getName() + " implements neither handleError nor handle");
    }

    /** What to do with {@code record}, which failed to deserialize with {@code exception}. */
    @SuppressWarnings("deprecation")
    default Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                 Exception exception) {
        return handle(context, record, exception) == DeserializationHandlerResponse.CONTINUE
            ? Response.resume() : Response.fail();
    }

    @Override
    default void configure(java.util.Map<String, ?> configs) {
    }

    /**
     * The older answer of {@link #handle}.
     *
     * @deprecated use {@link Response}
     */
    @Deprecated
    enum DeserializationHandlerResponse { CONTINUE, FAIL }

    /** Go on with the next record, or fail the task. */
    enum Result { RESUME, FAIL }

    /** A {@link Result} and the dead letter records to send before acting on it. Immutable. */
    final class Response extends HandlerResponse<Result> {
        private Response(Result result, List<ProducerRecord<byte[], byte[]>> deadLetterQueueRecords) {
            super(result, deadLetterQueueRecords);
        }

        public static Response resume() {
            return resume(null);
        }

        /** Go on, after sending {@code deadLetterQueueRecords} (may be {@code null}). */
        public static Response resume(List<ProducerRecord<byte[], byte[]>> deadLetterQueueRecords) {
            return new Response(Result.RESUME, deadLetterQueueRecords);
        }

        public static Response fail() {
            return fail(null);
        }

        /** Fail the task, after sending {@code deadLetterQueueRecords} (may be {@code null}). */
        public static Response fail(List<ProducerRecord<byte[], byte[]>> deadLetterQueueRecords) {
            return new Response(Result.FAIL, deadLetterQueueRecords);
        }
    }
}
