package io.sluice.streams.processor;

/** Chooses the output topic per record for a dynamic sink; the topic must exist. */
@FunctionalInterface
public interface TopicNameExtractor<K, V> {
    String extract(K key, V value, RecordContext recordContext);
}
