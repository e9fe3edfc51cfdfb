package io.sluice.cli;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/** Turns kafka-clients failures into one-line {@link CliException}s. */
final class ClientErrors {
    private ClientErrors() {
    }

    /** Waits for an Admin result at most {@code timeoutMs}; every failure becomes a {@link CliException}. */
    static <T> T await(KafkaFuture<T> future, String what, String topic, String bootstrap, long timeoutMs) {
        try {
            return future.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failure("Interrupted while trying to " + what);
        } catch (TimeoutException e) {
            throw unreachable(bootstrap, timeoutMs, what);
        } catch (ExecutionException e) {
            throw failure(e.getCause() == null ? e : e.getCause(), what, topic, bootstrap, timeoutMs);
        }
    }

    static CliException failure(Throwable cause, String what, String topic, String bootstrap, long timeoutMs) {
        if (cause instanceof TopicExistsException) {
            return CliException.failure("Topic '" + topic + "' already exists");
        }
        if (cause instanceof UnknownTopicOrPartitionException) {
            return CliException.failure("Topic '" + topic + "' does not exist");
        }
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return unreachable(bootstrap, timeoutMs, what);
        }
        if (cause instanceof UnsupportedVersionException) {
            return CliException.failure("The broker at " + bootstrap + " cannot " + what + ": " + cause.getMessage());
        }
        return new CliException(CliException.FAILURE, "Cannot " + what + ": " + describe(cause), cause);
    }

    static CliException unreachable(String bootstrap, long timeoutMs, String what) {
        return CliException.failure("No answer from a broker at " + bootstrap + " within " + timeoutMs
            + " ms (is it running? see --bootstrap-server and --timeout-ms); could not " + what);
    }

    /** The exception's message, prefixed by its class when the message alone would not say what happened. */
    static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName()
            : cause.getClass().getSimpleName() + ": " + message;
    }
}
