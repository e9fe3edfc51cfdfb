package io.sluice.streams.processor.internals;

import io.sluice.streams.processor.StreamPartitioner;
import io.sluice.streams.processor.TopicNameExtractor;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serializer;

/** A sink: where records go (a fixed topic or one chosen per record) and how they are serialized. */
final class SinkNodeFactory extends NodeFactory {
    /** The fixed topic, or {@code null} when {@link #topicExtractor} chooses per record. */
    final String topic;
    /** Chooses the topic per record; {@code null} for a fixed topic. */
    final TopicNameExtractor<?, ?> topicExtractor;
    final Serializer<?> keySerializer;
    final Serializer<?> valueSerializer;
    final StreamPartitioner<?, ?> partitioner;

    SinkNodeFactory(String name, List<String> predecessors, String topic, TopicNameExtractor<?, ?> topicExtractor,
                    Serializer<?> keySerializer, Serializer<?> valueSerializer, StreamPartitioner<?, ?> partitioner) {
        super(name, predecessors);
        this.topic = topic;
        this.topicExtractor = topicExtractor;
        this.keySerializer = keySerializer;
        this.valueSerializer = valueSerializer;
        this.partitioner = partitioner;
    }

    @Override
    SinkNode<?, ?> build(UnaryOperator<String> topics) {
        TopicNameExtractor<?, ?> extractor = topicExtractor;
        if (topic != null) {
            String resolved = topics.apply(topic);
            extractor = (key, value, context) -> resolved;
        }
        return new SinkNode<>(name, extractor, keySerializer, valueSerializer, partitioner);
    }
}
