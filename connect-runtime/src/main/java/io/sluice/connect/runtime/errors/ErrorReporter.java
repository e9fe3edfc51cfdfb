package io.sluice.connect.runtime.errors;

import java.util.concurrent.CompletableFuture;

/**
 * Receives each tolerated (or reported) record failure: the log reporter writes it to the worker log, the dead
 * letter queue reporter to a topic. Called on the task's thread; implementations must not block on I/O beyond
 * handing the record to a client.
 */
public interface ErrorReporter extends AutoCloseable {

    /** @return completes once the failure is durably reported (immediately for the log) */
    CompletableFuture<Void> report(FailedRecord record, Stage stage, Class<?> executingClass, Throwable error);

    @Override
    default void close() {
    }
}
