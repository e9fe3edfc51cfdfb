package io.sluice.connect.runtime;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline instead of sleeping and hoping. */
public final class Await {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private Await() {
    }

    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> whatWasExpected) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for: " + whatWasExpected.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** Waits up to 30 s. */
    public static void until(String whatWasExpected, BooleanSupplier condition) {
        until(DEFAULT_TIMEOUT, condition, () -> whatWasExpected);
    }
}
