package io.sluice.streams.kstream;

/**
 * Combines the current aggregate ({@code value1}) with a new value ({@code value2}) of the same type. Used by
 * {@code reduce}; for a KTable the DSL also needs the inverse ("subtractor") reducer to retract old values.
 *
 * @param <V> value and aggregate type
 */
@FunctionalInterface
public interface Reducer<V> {
    V apply(V value1, V value2);
}
