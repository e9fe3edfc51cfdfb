package io.sluice.streams.state;

/**
 * A key-value store whose values carry the timestamp of their last update; the store type behind DSL tables.
 * Single-threaded: see {@link io.sluice.streams.processor.StateStore}.
 *
 * @param <K> key type
 * @param <V> value type (without timestamp)
 */
public interface TimestampedKeyValueStore<K, V> extends KeyValueStore<K, ValueAndTimestamp<V>> {
}
