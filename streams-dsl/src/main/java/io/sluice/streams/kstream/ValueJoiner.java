package io.sluice.streams.kstream;

/**
 * Combines the values of two joined records into the join result. For outer and left joins the missing side
 * is passed as {@code null}.
 *
 * @param <V1> value type of this side
 * @param <V2> value type of the other side
 * @param <VR> result type
 */
@FunctionalInterface
public interface ValueJoiner<V1, V2, VR> {
    VR apply(V1 value1, V2 value2);
}
