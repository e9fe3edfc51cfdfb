package io.sluice.streams.kstream;

/**
 * Folds one record into the running aggregate of its key and returns the new aggregate. The aggregate starts
 * from an {@link Initializer}.
 *
 * @param <K>  key type
 * @param <V>  value type
 * @param <VA> aggregate type
 */
@FunctionalInterface
public interface Aggregator<K, V, VA> {
    VA apply(K key, V value, VA aggregate);
}
