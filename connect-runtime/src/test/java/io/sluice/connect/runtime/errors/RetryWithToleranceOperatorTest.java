package io.sluice.connect.runtime.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.Test;

/** The operator's retries, tolerance and its stop signal. */
class RetryWithToleranceOperatorTest {

    private static FailedRecord record() {
        return FailedRecord.withoutContent("t", 0, 1, "record");
    }

    @Test
    void stopEndsARetryBackoffAtOnceWithoutSkippingTheRecord() throws Exception {
        RetryWithToleranceOperator operator = new RetryWithToleranceOperator(-1, 60_000, ToleranceType.ALL, List.of());
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch thirdAttemptFailed = new CountDownLatch(1);
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                operator.execute(() -> {
                    if (attempts.incrementAndGet() == 3) {
                        thirdAttemptFailed.countDown();
                    }
                    throw new RetriableException("not yet");
                }, Stage.TRANSFORMATION, Object.class, RetryWithToleranceOperatorTest::record);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        // After the third failure (300 + 600 ms of backoff behind it) the operator waits 1.2 s before the next.
        assertThat(thirdAttemptFailed.await(10, TimeUnit.SECONDS)).isTrue();
        long stopNs = System.nanoTime();

        operator.stop();
        Throwable thrown = outcome.get(10, TimeUnit.SECONDS);

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopNs)).isLessThan(500);
        assertThat(thrown).isInstanceOf(RetryAbortedException.class).hasMessageContaining("TRANSFORMATION")
            .hasCauseInstanceOf(RetriableException.class);
        assertThat(attempts.get()).isEqualTo(3);
        assertThat(operator.toleratedCount()).isZero();
    }

    @Test
    void aStoppedOperatorStillHandlesAFailureItWouldNotRetry() {
        RetryWithToleranceOperator operator = new RetryWithToleranceOperator(0, 60_000, ToleranceType.ALL, List.of());
        operator.stop();

        Object result = operator.execute(() -> {
            throw new RetriableException("no retries configured");
        }, Stage.TRANSFORMATION, Object.class, RetryWithToleranceOperatorTest::record);

        assertThat(result).isNull();
        assertThat(operator.failed()).isTrue();
        assertThat(operator.toleratedCount()).isEqualTo(1);
    }

    @Test
    void retriesUntilTheStepSucceeds() {
        RetryWithToleranceOperator operator = new RetryWithToleranceOperator(10_000, 10, ToleranceType.NONE,
            List.of());
        AtomicInteger attempts = new AtomicInteger();

        String result = operator.execute(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new RetriableException("not yet");
            }
            return "done";
        }, Stage.VALUE_CONVERTER, Object.class, RetryWithToleranceOperatorTest::record);

        assertThat(result).isEqualTo("done");
        assertThat(attempts.get()).isEqualTo(3);
    }

    @Test
    void aNonRetriableFailureUnderToleranceNoneIsThrown() {
        RetryWithToleranceOperator operator = new RetryWithToleranceOperator(10_000, 10, ToleranceType.NONE,
            List.of());

        assertThatThrownBy(() -> operator.execute(() -> {
            throw new IllegalStateException("broken");
        }, Stage.KEY_CONVERTER, String.class, RetryWithToleranceOperatorTest::record))
            .hasMessageContaining("Tolerance exceeded in error handler at stage KEY_CONVERTER")
            .hasCauseInstanceOf(IllegalStateException.class);
    }
}
