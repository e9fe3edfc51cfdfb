package io.sluice.log.protocol;

import io.sluice.log.server.ErrorMapping;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Error codes and messages for admin responses, per topic, partition or config resource: the codes come from
 * the one table in {@link ErrorMapping}; this adds the message to send and the topic-id variant.
 *
 * <p>Anything unexpected becomes {@link Errors#UNKNOWN_SERVER_ERROR} with the exception's message, and is logged
 * here once with its stack trace: the client only sees the message, the operator needs the rest.
 */
final class AdminErrors {
    private static final Logger log = LoggerFactory.getLogger(AdminErrors.class);

    private AdminErrors() {
    }

    static Errors toError(Throwable failure) {
        return ErrorMapping.toError(failure);
    }

    /** The error code and the message to send; unexpected failures are logged. */
    static ApiError toApiError(Throwable failure) {
        Throwable cause = ErrorMapping.unwrap(failure);
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
}
