package io.sluice.streams.state;

/**
 * A window store whose values carry the timestamp of their last update; the store type behind DSL windowed
 * aggregations. Single-threaded: see {@link io.sluice.streams.processor.StateStore}.
 *
 * @param <K> key type
 * @param <V> value type (without timestamp)
 */
public interface TimestampedWindowStore<K, V> extends WindowStore<K, ValueAndTimestamp<V>> {
}
