package io.sluice.log.server;

import io.sluice.log.config.ConfigException;
import io.sluice.log.errors.CorruptRecordException;
import io.sluice.log.errors.FencedLeaderEpochException;
import io.sluice.log.errors.InvalidPartitionsException;
import io.sluice.log.errors.InvalidProducerEpochException;
import io.sluice.log.errors.InvalidTopicException;
import io.sluice.log.errors.LogTruncatedException;
import io.sluice.log.errors.OffsetOutOfRangeException;
import io.sluice.log.errors.OutOfOrderSequenceException;
import io.sluice.log.errors.RecordTooLargeException;
import io.sluice.log.errors.StorageException;
import io.sluice.log.errors.TopicExistsException;
import io.sluice.log.errors.UnknownTopicOrPartitionException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.protocol.Errors;

/** Our exceptions to Kafka's wire error codes, in one place. Unknown failures are UNKNOWN_SERVER_ERROR. */
public final class ErrorMapping {
    private ErrorMapping() {
    }

    public static Errors toError(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ApiException api) {
            return Errors.forException(api);
        }
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
        if (cause instanceof LogTruncatedException) {
            return Errors.NOT_LEADER_OR_FOLLOWER;
        }
        if (cause instanceof StorageException) {
            return Errors.KAFKA_STORAGE_ERROR;
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
        if (cause instanceof ConfigException) {
            return Errors.INVALID_CONFIG;
        }
        return Errors.UNKNOWN_SERVER_ERROR;
    }

    /** The failure's own message, for the response's error message field. */
    public static String message(Throwable failure) {
        return unwrap(failure).getMessage();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
