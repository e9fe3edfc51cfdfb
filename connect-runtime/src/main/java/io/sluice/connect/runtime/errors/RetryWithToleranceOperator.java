package io.sluice.connect.runtime.errors;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one step of a record's pipeline (convert, transform, put) under the connector's error policy:
 * <ul>
 *   <li>a {@link RetriableException} is retried with exponential backoff (300 ms doubling, capped by
 *       {@code errors.retry.delay.max.ms}) until {@code errors.retry.timeout} has elapsed (0: no retry,
 *       -1: forever). The backoff waits on the task's stop signal, not in {@code Thread.sleep}: a {@link #stop}
 *       ends it at once and {@link #execute} throws {@link RetryAbortedException}, so a task in a backoff of many
 *       seconds still stops within {@code task.shutdown.graceful.timeout.ms}, and the record it was retrying is
 *       left for the next run rather than skipped;</li>
 *   <li>any other failure, or one that outlives its retries, is tolerated under {@code errors.tolerance=all}:
 *       every reporter (log, dead letter queue) gets it and {@link #execute} returns null, the caller skipping the
 *       record; under {@code none} it is rethrown as a {@link ConnectException} that fails the task.</li>
 * </ul>
 * Reports in flight are remembered so the task can {@link #awaitReports wait for them} before it commits offsets
 * past the records they describe: a record is never both skipped and missing from the dead letter queue.
 *
 * <p>Threading: one instance per task, used by that task's thread; {@link #report} and {@link #awaitReports} are
 * synchronised because a sink connector may report errant records from threads of its own.
 */
public final class RetryWithToleranceOperator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetryWithToleranceOperator.class);
    private static final long INITIAL_BACKOFF_MS = 300;

    /** A pipeline step that may fail. */
    @FunctionalInterface
    public interface Operation<V> {
        V call() throws Exception;
    }

    private final long retryTimeoutMs;
    private final long maxDelayMs;
    private final ToleranceType tolerance;
    private final List<ErrorReporter> reporters;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final List<CompletableFuture<Void>> pendingReports = new ArrayList<>();
    private long toleratedCount;
    private boolean lastFailed;

    public RetryWithToleranceOperator(long retryTimeoutMs, long maxDelayMs, ToleranceType tolerance,
                                      List<ErrorReporter> reporters) {
        this.retryTimeoutMs = retryTimeoutMs;
        this.maxDelayMs = maxDelayMs;
        this.tolerance = tolerance;
        this.reporters = List.copyOf(reporters);
    }

    /** The task is stopping: a retry backoff in progress ends now, and no further attempt is made. */
    public void stop() {
        stopSignal.countDown();
    }

    /**
     * @param failed the record as reporters should see it; only built when the step fails
     * @return the step's result, or null when it failed and the failure was tolerated
     * @throws RetryAbortedException when the task was stopped while the step was being retried
     * @throws ConnectException when the failure is not tolerated ({@code errors.tolerance=none})
     */
    public <V> V execute(Operation<V> operation, Stage stage, Class<?> executingClass,
                         Supplier<FailedRecord> failed) {
        lastFailed = false;
        try {
            return callWithRetries(operation, stage);
        } catch (RetryAbortedException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while retrying stage " + stage, e);
        } catch (Exception e) {
            return handleFailure(e, stage, executingClass, failed.get());
        }
    }

    /**
     * Handles a failure that happened outside {@link #execute} (the isolated put of one record): reports it when
     * tolerated.
     *
     * @throws ConnectException when the failure is not tolerated
     */
    public <V> V handleFailure(Throwable error, Stage stage, Class<?> executingClass, FailedRecord record) {
        lastFailed = true;
        report(error, stage, executingClass, record);
        return null;
    }

    /**
     * Reports a failure to every reporter if it is tolerated; what the sink's errant record reporter calls, possibly
     * from a thread of the connector's own.
     *
     * @return completes when every reporter has the record
     * @throws ConnectException when the failure is not tolerated
     */
    public synchronized CompletableFuture<Void> report(Throwable error, Stage stage, Class<?> executingClass,
                                                       FailedRecord record) {
        if (tolerance == ToleranceType.NONE) {
            throw new ConnectException("Tolerance exceeded in error handler at stage " + stage + " with class "
                + executingClass.getName() + " for " + describe(record), error);
        }
        toleratedCount++;
        List<CompletableFuture<Void>> reports = new ArrayList<>();
        for (ErrorReporter reporter : reporters) {
            reports.add(reporter.report(record, stage, executingClass, error));
        }
        pendingReports.addAll(reports);
        return CompletableFuture.allOf(reports.toArray(CompletableFuture[]::new));
    }

    /** Whether the last {@link #execute} failed (its null result means "skip the record", not a null value). */
    public boolean failed() {
        return lastFailed;
    }

    public boolean toleratesAll() {
        return tolerance == ToleranceType.ALL;
    }

    /** Failures tolerated so far (records skipped). */
    public synchronized long toleratedCount() {
        return toleratedCount;
    }

    /**
     * Waits for every report made so far to complete.
     *
     * @throws ConnectException when a report failed or did not complete in time: the caller must not commit
     *     offsets past the records it describes
     */
    public synchronized void awaitReports(long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        try {
            for (CompletableFuture<Void> report : pendingReports) {
                report.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            pendingReports.clear();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while waiting for error reports", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ConnectException("Failed to write a failed record to the dead letter queue", e);
        }
    }

    private <V> V callWithRetries(Operation<V> operation, Stage stage) throws Exception {
        // The deadline is set at the first failure, keeping the clock off the per-record path that never fails.
        long deadline = -1;
        long backoffMs = INITIAL_BACKOFF_MS;
        for (int attempt = 1; ; attempt++) {
            try {
                return operation.call();
            } catch (RetriableException e) {
                long now = System.currentTimeMillis();
                if (deadline < 0) {
                    deadline = retryTimeoutMs < 0 ? Long.MAX_VALUE : now + retryTimeoutMs;
                }
                if (now >= deadline) {
                    throw e;
                }
                if (stopSignal.getCount() == 0) {
                    throw new RetryAbortedException(stage, e);
                }
                long delay = Math.min(Math.min(backoffMs, maxDelayMs), deadline - now);
                LOG.debug("Stage {} failed with a retriable error (attempt {}); retrying in {} ms", stage,
                    attempt, delay, e);
                if (stopSignal.await(delay, TimeUnit.MILLISECONDS)) {
                    throw new RetryAbortedException(stage, e);
                }
                backoffMs = backoffMs >= Long.MAX_VALUE / 2 ? backoffMs : backoffMs * 2;
            }
        }
    }

    private static String describe(FailedRecord record) {
        return "record from topic '" + record.topic() + "' partition " + record.partition()
            + (record.offset() >= 0 ? " offset " + record.offset() : "");
    }

    @Override
    public void close() {
        for (ErrorReporter reporter : reporters) {
            reporter.close();
        }
    }
}
