package io.sluice.connect.runtime.errors;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * The task was asked to stop while {@link RetryWithToleranceOperator} was retrying a step (or waiting out its
 * backoff): the record is neither delivered nor skipped nor reported. The task stops without storing an offset past
 * it, so it is processed again after a restart; this is how a stop is noticed promptly rather than after the
 * remaining backoff, and why it never counts as a failure.
 */
public final class RetryAbortedException extends ConnectException {

    private static final long serialVersionUID = 1L;

    RetryAbortedException(Stage stage, Throwable lastFailure) {
        super("Task stopped while retrying stage " + stage + "; the record is left for the next run", lastFailure);
    }
}
