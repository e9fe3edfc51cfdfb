package io.sluice.connect.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition instead of sleeping for a guessed time. */
public final class Await {

    private Await() {
    }

    /**
     * Evaluates {@code condition} until it holds, failing with {@code description} once {@code timeout} elapsed.
     * The condition itself is expected to block briefly (a task's poll does), so no pause is added between tries.
     */
    public static void until(BooleanSupplier condition, Duration timeout, Supplier<String> description) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Timed out after " + timeout + " waiting for: " + description.get());
            }
            Thread.onSpinWait();
        }
    }
}
