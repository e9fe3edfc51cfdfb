package io.sluice.streams.kstream;

/**
 * Maps a value to a new value, with read-only access to the key. Changing the key object in place breaks
 * partitioning and is not allowed.
 *
 * @param <K>  key type
 * @param <V>  value type
 * @param <VR> result type
 */
@FunctionalInterface
public interface ValueMapperWithKey<K, V, VR> {
    VR apply(K readOnlyKey, V value);
}
