package io.sluice.streams.processor.internals;

import io.sluice.streams.AutoOffsetReset;
import io.sluice.streams.processor.TimestampExtractor;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Deserializer;

/** A source: topics it reads, how it deserializes them and gives them event time. */
final class SourceNodeFactory extends NodeFactory {
    final List<String> topics;
    final Deserializer<?> keyDeserializer;
    final Deserializer<?> valueDeserializer;
    final TimestampExtractor timestampExtractor;
    final AutoOffsetReset offsetReset;

    SourceNodeFactory(String name, List<String> topics, Deserializer<?> keyDeserializer,
                      Deserializer<?> valueDeserializer, TimestampExtractor timestampExtractor,
                      AutoOffsetReset offsetReset) {
        super(name, List.of());
        this.topics = List.copyOf(topics);
        this.keyDeserializer = keyDeserializer;
        this.valueDeserializer = valueDeserializer;
        this.timestampExtractor = timestampExtractor;
        this.offsetReset = offsetReset;
    }

    @Override
    SourceNode<?, ?> build(UnaryOperator<String> topicNames) {
        return new SourceNode<>(name, topics.stream().map(topicNames).toList(), keyDeserializer, valueDeserializer,
            timestampExtractor);
    }
}
