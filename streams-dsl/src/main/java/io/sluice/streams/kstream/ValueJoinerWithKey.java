package io.sluice.streams.kstream;

/**
 * A {@link ValueJoiner} that also sees the (read-only) join key.
 *
 * @param <K1> key type
 * @param <V1> value type of this side
 * @param <V2> value type of the other side
 * @param <VR> result type
 */
@FunctionalInterface
public interface ValueJoinerWithKey<K1, V1, V2, VR> {
    VR apply(K1 readOnlyKey, V1 value1, V2 value2);
}
