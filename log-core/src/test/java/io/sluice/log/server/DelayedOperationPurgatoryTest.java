package io.sluice.log.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DelayedOperationPurgatoryTest {
    private final DelayedOperationPurgatory<TestOperation> purgatory = new DelayedOperationPurgatory<>("test", 1);

    @AfterEach
    void close() {
        purgatory.close();
    }

    @Test
    void anOperationWhoseConditionAlreadyHoldsCompletesAtOnceWithoutBeingWatched() {
        TestOperation op = new TestOperation(60_000);
        op.ready.set(true);

        boolean completed = purgatory.tryCompleteElseWatch(op, List.of("p0"));

        assertThat(completed).isTrue();
        assertThat(op.completions.get()).isEqualTo(1);
        assertThat(purgatory.pendingCount()).isZero();
        assertThat(purgatory.watchedCount()).isZero();
    }

    @Test
    void aWatchedOperationCompletesWhenItsKeyIsCheckedAfterTheConditionTurnsTrue() {
        TestOperation op = new TestOperation(60_000);
        purgatory.tryCompleteElseWatch(op, List.of("p0", "p1"));

        int beforeReady = purgatory.checkAndComplete("p0");
        op.ready.set(true);
        int afterReady = purgatory.checkAndComplete("p1");

        assertThat(beforeReady).isZero();
        assertThat(afterReady).isEqualTo(1);
        assertThat(op.completions.get()).isEqualTo(1);
        assertThat(op.expirations.get()).isZero();
        assertThat(purgatory.pendingCount()).isZero();
        assertThat(purgatory.checkAndComplete("p0")).as("completed ops leave the other key's list too").isZero();
        assertThat(purgatory.watchedCount()).isZero();
    }

    @Test
    void anOperationExpiresAfterItsDelayWithOnExpirationThenOnComplete() throws InterruptedException {
        TestOperation op = new TestOperation(20);

        purgatory.tryCompleteElseWatch(op, List.of("p0"));

        assertThat(op.completed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(op.expirations.get()).isEqualTo(1);
        assertThat(op.expiredBeforeComplete).isTrue();
        assertThat(op.completions.get()).isEqualTo(1);
        assertThat(purgatory.checkAndComplete("p0")).isZero();
    }

    @Test
    void closingThePurgatoryExpiresWhatIsStillPending() {
        TestOperation op = new TestOperation(60_000);
        purgatory.tryCompleteElseWatch(op, List.of("p0"));

        purgatory.close();

        assertThat(op.completions.get()).isEqualTo(1);
        assertThat(op.expirations.get()).isEqualTo(1);
    }

    @Test
    void anOperationCompletesExactlyOnceWhenChecksForceAndExpiryRace() throws Exception {
        int operations = 2_000;
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<TestOperation> ops = new java.util.ArrayList<>();
            for (int i = 0; i < operations; i++) {
                TestOperation op = new TestOperation(i % 3); // 0-2 ms: expiry races the checks below
                op.ready.set(i % 2 == 0);
                ops.add(op);
            }
            CyclicBarrier start = new CyclicBarrier(3);

            Future<?> watcher = threads.submit(() -> {
                await(start);
                for (TestOperation op : ops) {
                    purgatory.tryCompleteElseWatch(op, List.of("k" + Math.floorMod(op.hashCode(), 4)));
                }
            });
            Future<?> checker = threads.submit(() -> {
                await(start);
                for (int round = 0; round < 2_000; round++) {
                    purgatory.checkAndComplete("k" + (round % 4));
                }
            });
            Future<?> forcer = threads.submit(() -> {
                await(start);
                for (TestOperation op : ops) {
                    op.ready.set(true);
                    if (Math.floorMod(op.hashCode(), 5) == 0) {
                        op.forceComplete();
                    }
                }
            });
            watcher.get(30, TimeUnit.SECONDS);
            checker.get(30, TimeUnit.SECONDS);
            forcer.get(30, TimeUnit.SECONDS);
            for (TestOperation op : ops) {
                assertThat(op.completed.await(10, TimeUnit.SECONDS)).isTrue();
            }

            assertThat(ops).allSatisfy(op -> {
                assertThat(op.completions.get()).isEqualTo(1);
                assertThat(op.expirations.get()).isLessThanOrEqualTo(1);
            });
        } finally {
            threads.shutdownNow();
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class TestOperation extends DelayedOperation {
        final AtomicBoolean ready = new AtomicBoolean();
        final AtomicInteger completions = new AtomicInteger();
        final AtomicInteger expirations = new AtomicInteger();
        final CountDownLatch completed = new CountDownLatch(1);
        volatile boolean expiredBeforeComplete;

        TestOperation(long delayMs) {
            super(delayMs);
        }

        @Override
        protected boolean tryComplete() {
            return ready.get();
        }

        @Override
        protected void onExpiration() {
            expirations.incrementAndGet();
        }

        @Override
        protected void onComplete() {
            expiredBeforeComplete = expirations.get() == 1;
            completions.incrementAndGet();
            completed.countDown();
        }
    }
}
