package io.sluice.connect.datagen;

/**
 * Paces a task to {@code rate} records per second: tokens accrue continuously up to a burst of a tenth of a
 * second's worth (at least one), and each record takes one. Over any interval of t seconds at most
 * {@code rate * t + burst} records pass. Starts full. Not thread-safe: used by one task thread.
 */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double ratePerSecond;
    private final double burst;
    private final TaskClock clock;
    private double tokens;
    private long lastRefillNanos;

    TokenBucket(double ratePerSecond, TaskClock clock) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive, got " + ratePerSecond);
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = Math.max(1.0, ratePerSecond / 10);
        this.clock = clock;
        this.tokens = burst;
        this.lastRefillNanos = clock.nanoTime();
    }

    /** Takes up to {@code wanted} whole tokens and returns how many were taken. */
    int take(int wanted) {
        refill();
        int taken = (int) Math.min(wanted, Math.floor(tokens));
        tokens -= taken;
        return taken;
    }

    /** Nanoseconds until the next whole token is available (0 when one already is). */
    long nanosUntilNextToken() {
        refill();
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) * NANOS_PER_SECOND / ratePerSecond);
    }

    private void refill() {
        long now = clock.nanoTime();
        tokens = Math.min(burst, tokens + (now - lastRefillNanos) * ratePerSecond / NANOS_PER_SECOND);
        lastRefillNanos = now;
    }
}
