package io.sluice.streams.state.internals;

/**
 * Told of each cache entry a caching store forwards (on {@code forwardCache}, {@code flushCache} or eviction), so
 * the DSL can forward the update downstream. {@code oldValue} is the value downstream last saw for the key, or
 * {@code null} when old values were not requested.
 */
@FunctionalInterface
public interface CacheFlushListener<K, V> {
    void apply(K key, V newValue, V oldValue, long timestamp);
}
