package io.sluice.streams.state;

import java.util.Objects;

/**
 * A value with the timestamp of the record that last set it: what the DSL's tables and windowed aggregations keep
 * in their stores, so that results carry the right timestamps. Never holds a {@code null} value: a missing value
 * is a missing {@code ValueAndTimestamp} ({@link #make} returns {@code null}). Immutable if the value is.
 *
 * @param <V> value type
 */
public final class ValueAndTimestamp<V> {
    private final V value;
    private final long timestamp;

    private ValueAndTimestamp(V value, long timestamp) {
        this.value = Objects.requireNonNull(value, "value");
        this.timestamp = timestamp;
    }

    /** {@code value} at {@code timestamp}, or {@code null} if {@code value} is {@code null}. */
    public static <V> ValueAndTimestamp<V> make(V value, long timestamp) {
        return value == null ? null : new ValueAndTimestamp<>(value, timestamp);
    }

    /** The value of {@code valueAndTimestamp}, or {@code null} if it is {@code null}. */
    public static <V> V getValueOrNull(ValueAndTimestamp<V> valueAndTimestamp) {
        return valueAndTimestamp == null ? null : valueAndTimestamp.value;
    }

    public V value() {
        return value;
    }

    /** The timestamp in epoch ms. */
    public long timestamp() {
        return timestamp;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ValueAndTimestamp<?> that && timestamp == that.timestamp && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, timestamp);
    }

    @Override
    public String toString() {
        return "<" + value + "," + timestamp + ">";
    }
}
