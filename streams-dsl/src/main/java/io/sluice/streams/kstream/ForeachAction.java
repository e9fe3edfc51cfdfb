package io.sluice.streams.kstream;

/**
 * A terminal side effect per record ({@code foreach}, {@code peek}). Called on the task's stream thread, so a
 * slow action stalls the task; exceptions propagate to the stream thread's exception handler.
 *
 * @param <K> key type
 * @param <V> value type
 */
@FunctionalInterface
public interface ForeachAction<K, V> {
    void apply(K key, V value);
}
