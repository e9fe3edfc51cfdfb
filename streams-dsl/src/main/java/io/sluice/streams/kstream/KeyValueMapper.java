package io.sluice.streams.kstream;

/**
 * Maps a record's key and value to a new result: a new key ({@code selectKey}, {@code groupBy}), a new
 * {@link io.sluice.streams.KeyValue} ({@code map}), or an iterable of them ({@code flatMap}). Called on the task's
 * stream thread; must not mutate its arguments.
 *
 * @param <K>  key type
 * @param <V>  value type
 * @param <VR> result type
 */
@FunctionalInterface
public interface KeyValueMapper<K, V, VR> {
    VR apply(K key, V value);
}
