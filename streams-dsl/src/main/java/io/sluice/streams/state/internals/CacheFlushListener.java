package io.sluice.streams.state.internals;

/**
 * Told of each cache entry written to the store below on commit ({@code flush}) or eviction, so the DSL can
 * forward the update downstream. {@code oldValue} is the value the store below held before, or {@code null}
 * when old values were not requested.
 */
@FunctionalInterface
public interface CacheFlushListener<K, V> {
    void apply(K key, V newValue, V oldValue, long timestamp);
}
