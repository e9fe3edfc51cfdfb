package io.sluice.streams;

import java.time.Duration;
import java.util.Optional;

/** Where a source starts reading when its group has no committed offset. */
public final class AutoOffsetReset {
    /** The policy's kind. */
    public enum Type {
        EARLIEST, LATEST, NONE, BY_DURATION
    }

    private final Type type;
    private final Duration duration;

    private AutoOffsetReset(Type type, Duration duration) {
        this.type = type;
        this.duration = duration;
    }

    public static AutoOffsetReset earliest() {
        return new AutoOffsetReset(Type.EARLIEST, null);
    }

    public static AutoOffsetReset latest() {
        return new AutoOffsetReset(Type.LATEST, null);
    }

    /** No reset: a missing offset is an error. */
    public static AutoOffsetReset none() {
        return new AutoOffsetReset(Type.NONE, null);
    }

    /** Starts at the first record not older than {@code duration} before now. */
    public static AutoOffsetReset byDuration(Duration duration) {
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException("the duration must not be negative, got " + duration);
        }
        return new AutoOffsetReset(Type.BY_DURATION, duration);
    }

    public Type type() {
        return type;
    }

    public Optional<Duration> duration() {
        return Optional.ofNullable(duration);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AutoOffsetReset other && type == other.type
            && java.util.Objects.equals(duration, other.duration);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(type, duration);
    }

    @Override
    public String toString() {
        return duration == null ? type.name().toLowerCase(java.util.Locale.ROOT) : "by_duration:" + duration;
    }
}
