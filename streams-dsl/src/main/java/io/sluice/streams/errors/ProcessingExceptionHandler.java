package io.sluice.streams.errors;

import io.sluice.streams.processor.api.Record;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Configurable;

/**
 * Decides what happens when a processor throws while handling a record: skip the record at that processor and go on
 * (the record's other paths through the topology are unaffected), or fail the task, optionally sending dead letter
 * records first. Chosen by {@code processing.exception.handler}; the default fails. A punctuator that throws fails
 * the task.
 *
 * <p>Called on the task's thread; an instance serves every task of one stream thread.
 */
public interface ProcessingExceptionHandler extends Configurable {
    /** What to do after {@code exception} was thrown processing {@code record} (the record the node received). */
    Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception);

    @Override
    default void configure(java.util.Map<String, ?> configs) {
    }

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

        public static Response resume(List<ProducerRecord<byte[], byte[]>> deadLetterQueueRecords) {
            return new Response(Result.RESUME, deadLetterQueueRecords);
        }

        public static Response fail() {
            return fail(null);
        }

        public static Response fail(List<ProducerRecord<byte[], byte[]>> deadLetterQueueRecords) {
            return new Response(Result.FAIL, deadLetterQueueRecords);
        }
    }
}
