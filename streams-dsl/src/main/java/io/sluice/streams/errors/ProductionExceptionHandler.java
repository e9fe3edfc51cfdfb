package io.sluice.streams.errors;

import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Configurable;

/**
 * Decides what happens when an output record cannot be written: its key or value cannot be serialized
 * ({@link #handleSerializationError}), or the producer reports that sending it failed ({@link #handleError}, e.g. a
 * {@code RecordTooLargeException} from the broker). Skip the record and go on, or fail the task; either way it may
 * also send dead letter records. Chosen by {@code production.exception.handler}; the default
 * ({@link DefaultProductionExceptionHandler}) fails.
 *
 * <p>Consulted for records written by sink nodes (output and repartition topics). A failed write to a changelog
 * or a dead letter queue, and authentication or authorization errors, fail the task without asking: skipping them
 * would silently lose state or repeat for every record.
 *
 * <p>Implement {@link #handleError} and {@link #handleSerializationError}; {@link #handle} is the older form,
 * still honoured. Called on the stream thread of the task that wrote the record (a send failure the producer
 * reports later is handled at the thread's next send or commit); an instance serves every task of one thread.
 */
public interface ProductionExceptionHandler extends Configurable {
    /**
     * The older form of {@link #handleError}, without dead letter records.
     *
     * @deprecated implement {@link #handleError} instead
     */
    @Deprecated
    default ProductionExceptionHandlerResponse handle(ErrorHandlerContext context,
                                                      ProducerRecord<byte[], byte[]> record, Exception exception) {
        throw new UnsupportedOperationException(getClass().getName() + " implements neither handleError nor handle");
    }

    /**
     * What to do after sending {@code record} failed with {@code exception}. {@code context} describes the input
     * record being processed when it was sent; {@code record}'s partition is the one it was sent to when known.
     */
    @SuppressWarnings("deprecation")
    default Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                 Exception exception) {
        ProductionExceptionHandlerResponse old = handle(context, record, exception);
        return switch (old) {
            case CONTINUE -> Response.resume();
            case RETRY -> Response.retry();
            case FAIL -> Response.fail();
        };
    }

    /**
     * What to do after the key or value ({@code origin}) of {@code record}, not yet serialized, failed to serialize
     * with {@code exception}. The default fails.
     */
    default Response handleSerializationError(ErrorHandlerContext context, ProducerRecord<?, ?> record,
                                              Exception exception, SerializationExceptionOrigin origin) {
        return Response.fail();
    }

    @Override
    default void configure(java.util.Map<String, ?> configs) {
    }

    /** Which part of a record failed to serialize. */
    enum SerializationExceptionOrigin { KEY, VALUE }

    /**
     * The older answer of {@link #handle}.
     *
     * @deprecated use {@link Response}
     */
    @Deprecated
    enum ProductionExceptionHandlerResponse { CONTINUE, FAIL, RETRY }

    /**
     * Go on without the record, fail the task, or retry. Sluice cannot retry one send in place (the producer has
     * already retried it for {@code delivery.timeout.ms}), so RETRY fails the task like FAIL; the uncaught exception
     * handler's REPLACE_THREAD then reprocesses from the last commit, which is what a retry amounts to.
     */
    enum Result { RESUME, FAIL, RETRY }

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

        public static Response retry() {
            return new Response(Result.RETRY, null);
        }
    }
}
