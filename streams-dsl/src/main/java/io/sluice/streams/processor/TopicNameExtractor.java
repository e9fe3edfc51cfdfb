package io.sluice.streams.processor;

/**
 * Chooses the sink topic per record ({@code KStream#to(TopicNameExtractor)}). The returned topics must already
 * exist: the runtime does not create dynamically chosen topics.
 *
 * @param <K> key type
 * @param <V> value type
 */
@FunctionalInterface
public interface TopicNameExtractor<K, V> {
    String extract(K key, V value, RecordContext recordContext);
}
