package io.sluice.streams;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a source starts reading a partition for which the application has no committed offset (or whose
 * committed offset is out of range). Overrides the {@code auto.offset.reset} config per source topic. Immutable.
 */
public class AutoOffsetReset {
    /** The kinds of reset; {@link #BY_DURATION} goes back {@link #duration()} from the time of the reset. */
    public enum StrategyType {
        NONE, EARLIEST, LATEST, BY_DURATION
    }

    private final StrategyType type;
    private final Duration duration;

    protected AutoOffsetReset(StrategyType type, Duration duration) {
        this.type = Objects.requireNonNull(type, "type");
        this.duration = duration;
    }

    /** No reset: a partition without a committed offset fails the application. */
    public static AutoOffsetReset none() {
        return new AutoOffsetReset(StrategyType.NONE, null);
    }

    public static AutoOffsetReset earliest() {
        return new AutoOffsetReset(StrategyType.EARLIEST, null);
    }

    public static AutoOffsetReset latest() {
        return new AutoOffsetReset(StrategyType.LATEST, null);
    }

    /** Starts at the first record whose timestamp is at most {@code duration} before the time of the reset. */
    public static AutoOffsetReset byDuration(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, was " + duration);
        }
        return new AutoOffsetReset(StrategyType.BY_DURATION, duration);
    }

    public StrategyType type() {
        return type;
    }

    /** The look-back of a {@link StrategyType#BY_DURATION} reset; empty for the other kinds. */
    public Optional<Duration> duration() {
        return Optional.ofNullable(duration);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AutoOffsetReset that && type == that.type && Objects.equals(duration, that.duration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, duration);
    }

    @Override
    public String toString() {
        return duration == null ? type.name().toLowerCase(java.util.Locale.ROOT)
            : "by_duration:" + duration;
    }
}
