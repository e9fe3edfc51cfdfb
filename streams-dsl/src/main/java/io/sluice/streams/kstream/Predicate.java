package io.sluice.streams.kstream;

/**
 * Decides whether a record passes a filter or falls into a branch. Implementations should be stateless and
 * side-effect free: the DSL may call them once per record, on the stream thread that owns the record's task.
 *
 * @param <K> key type
 * @param <V> value type
 */
@FunctionalInterface
public interface Predicate<K, V> {
    /** Whether the record with this key and value matches. */
    boolean test(K key, V value);
}
