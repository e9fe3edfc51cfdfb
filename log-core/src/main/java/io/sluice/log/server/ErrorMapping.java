package io.sluice.log.server;

import io.sluice.log.config.ConfigException;
import io.sluice.log.errors.CorruptCheckpointException;
import io.sluice.log.errors.CorruptRecordException;
import io.sluice.log.errors.FencedLeaderEpochException;
import io.sluice.log.errors.InvalidPartitionsException;
import io.sluice.log.errors.InvalidTopicException;
import io.sluice.log.errors.InvalidProducerEpochException;
import io.sluice.log.errors.LogTruncatedException;
import io.sluice.log.errors.OffsetOutOfRangeException;
import io.sluice.log.errors.OutOfOrderSequenceException;
import io.sluice.log.errors.RecordTooLargeException;
import io.sluice.log.errors.StorageException;
import io.sluice.log.errors.TopicExistsException;
import io.sluice.log.errors.UnknownTopicOrPartitionException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.protocol.Errors;

/**
 * The one place where a Java exception becomes a Kafka wire error code. Handlers use it for per-partition error
 * codes inside their responses; the server uses it when a handler throws or fails its future, so a failure
 * reaches the client as the same code whichever path it took.
 *
 * <p>Our exceptions ({@code io.sluice.log.errors}, {@link ConfigException}) map by class; Kafka's own
 * {@link ApiException}s keep their code; anything else (a bug, an unexpected runtime error) is
 * {@link Errors#UNKNOWN_SERVER_ERROR}. {@link CompletionException} and {@link ExecutionException} wrappers are
 * looked through, because futures wrap the real cause in them.
 *
 * <p>Stateless and thread-safe.
 */
public final class ErrorMapping {
    private ErrorMapping() {
    }

    /** The wire error for {@code failure}; {@link Errors#NONE} for {@code null}. */
    public static Errors toError(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause == null) {
            return Errors.NONE;
        }
        if (cause instanceof ApiException) {
            return Errors.forException(cause);
        }
        // Most specific first: several of ours share the RetriableException parent.
        if (cause instanceof CorruptRecordException) {
            return Errors.CORRUPT_MESSAGE;
        }
        if (cause instanceof RecordTooLargeException) {
            return Errors.MESSAGE_TOO_LARGE;
        }
        if (cause instanceof OffsetOutOfRangeException) {
            return Errors.OFFSET_OUT_OF_RANGE;
        }
        if (cause instanceof OutOfOrderSequenceException) {
            return Errors.OUT_OF_ORDER_SEQUENCE_NUMBER;
        }
        if (cause instanceof InvalidProducerEpochException) {
            return Errors.INVALID_PRODUCER_EPOCH;
        }
        if (cause instanceof FencedLeaderEpochException) {
            return Errors.FENCED_LEADER_EPOCH;
        }
        if (cause instanceof StorageException || cause instanceof CorruptCheckpointException) {
            return Errors.KAFKA_STORAGE_ERROR;
        }
        // The append was truncated away before it became durable: this broker lost leadership of that data,
        // and the client must refresh metadata and retry against the new leader.
        if (cause instanceof LogTruncatedException) {
            return Errors.NOT_LEADER_OR_FOLLOWER;
        }
        if (cause instanceof ConfigException) {
            return Errors.INVALID_CONFIG;
        }
        if (cause instanceof UnknownTopicOrPartitionException) {
            return Errors.UNKNOWN_TOPIC_OR_PARTITION;
        }
        if (cause instanceof TopicExistsException) {
            return Errors.TOPIC_ALREADY_EXISTS;
        }
        if (cause instanceof InvalidTopicException) {
            return Errors.INVALID_TOPIC_EXCEPTION;
        }
        if (cause instanceof InvalidPartitionsException) {
            return Errors.INVALID_PARTITIONS;
        }
        if (cause instanceof TimeoutException) {
            return Errors.REQUEST_TIMED_OUT;
        }
        return Errors.UNKNOWN_SERVER_ERROR;
    }

    /**
     * The Kafka exception for {@code failure}, keeping its message, ready for {@code request.getErrorResponse}.
     * Kafka's own exceptions are returned as they are; {@code UNKNOWN_SERVER_ERROR} gets the generic message,
     * so internal details of a bug do not leak to clients.
     */
    public static ApiException toException(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ApiException apiException) {
            return apiException;
        }
        Errors error = toError(cause);
        if (error == Errors.NONE) {
            throw new IllegalArgumentException("No failure to map");
        }
        return error == Errors.UNKNOWN_SERVER_ERROR ? error.exception() : error.exception(cause.getMessage());
    }

    /** The failure's own message, for a response's error message field. */
    public static String message(Throwable failure) {
        return unwrap(failure).getMessage();
    }

    /** The cause under future wrappers. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
            && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
