package io.sluice.streams.kstream;

/**
 * Merges the aggregates of two sessions of the same key that a new record bridged into one session.
 *
 * @param <K> key type
 * @param <V> aggregate type
 */
@FunctionalInterface
public interface Merger<K, V> {
    V apply(K aggKey, V aggOne, V aggTwo);
}
