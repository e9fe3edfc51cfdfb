package io.sluice.streams.kstream;

/**
 * Maps a value to a new value without seeing the key, so the key (and thus partitioning) is known to be
 * unchanged and no repartitioning is needed downstream.
 *
 * @param <V>  value type
 * @param <VR> result type
 */
@FunctionalInterface
public interface ValueMapper<V, VR> {
    VR apply(V value);
}
