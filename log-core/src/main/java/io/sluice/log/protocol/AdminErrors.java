package io.sluice.log.protocol;

import io.sluice.log.config.ConfigException;
import io.sluice.log.errors.InvalidPartitionsException;
import io.sluice.log.errors.InvalidTopicException;
import io.sluice.log.errors.OffsetOutOfRangeException;
import io.sluice.log.errors.TopicExistsException;
import io.sluice.log.errors.UnknownTopicOrPartitionException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps the exceptions the topic registry and the logs throw to the Kafka error codes that admin responses carry
 * per topic, partition or config resource. Only the conditions admin APIs meet are here; the socket server's
 * general {@code io.sluice.log.server.ErrorMapping} may absorb this table later.
 *
 * <p>Anything unexpected becomes {@link Errors#UNKNOWN_SERVER_ERROR} with the exception's message, and is logged
 * here once with its stack trace: the client only sees the message, the operator needs the rest.
 */
final class AdminErrors {
    private static final Logger log = LoggerFactory.getLogger(AdminErrors.class);

    private AdminErrors() {
    }

    static Errors toError(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof TopicExistsException) {
            return Errors.TOPIC_ALREADY_EXISTS;
        } else if (cause instanceof UnknownTopicOrPartitionException) {
            return Errors.UNKNOWN_TOPIC_OR_PARTITION;
        } else if (cause instanceof InvalidTopicException) {
            return Errors.INVALID_TOPIC_EXCEPTION;
        } else if (cause instanceof InvalidPartitionsException) {
            return Errors.INVALID_PARTITIONS;
        } else if (cause instanceof ConfigException) {
            return Errors.INVALID_CONFIG;
        } else if (cause instanceof OffsetOutOfRangeException) {
            return Errors.OFFSET_OUT_OF_RANGE;
        }
        return Errors.UNKNOWN_SERVER_ERROR;
    }

    /** The error code and the message to send; unexpected failures are logged. */
    static ApiError toApiError(Throwable failure) {
        Throwable cause = unwrap(failure);
        Errors error = toError(cause);
        if (error == Errors.UNKNOWN_SERVER_ERROR) {
            log.error("Unexpected failure serving an admin request", cause);
            return new ApiError(error, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
        return new ApiError(error, cause.getMessage());
    }

    /**
     * As {@link #toApiError}, for a topic the client named by id: Kafka clients expect
     * {@link Errors#UNKNOWN_TOPIC_ID} there, which they can tell apart from an unknown name.
     */
    static ApiError toApiErrorForTopicId(Throwable failure) {
        ApiError error = toApiError(failure);
        return error.is(Errors.UNKNOWN_TOPIC_OR_PARTITION) ? new ApiError(Errors.UNKNOWN_TOPIC_ID, error.message())
            : error;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
            && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
