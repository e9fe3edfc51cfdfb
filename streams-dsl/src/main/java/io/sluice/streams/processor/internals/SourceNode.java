package io.sluice.streams.processor.internals;

import io.sluice.streams.processor.TimestampExtractor;
import io.sluice.streams.processor.api.Processor;
import io.sluice.streams.processor.api.ProcessorContext;
import io.sluice.streams.processor.api.Record;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Where records enter a task: deserializes them (the application's default serdes where the topology gave none)
 * and forwards them unchanged to its children.
 */
final class SourceNode<K, V> extends ProcessorNode<K, V, K, V> {
    private final List<String> topics;
    private final TimestampExtractor timestampExtractor;
    private Deserializer<K> keyDeserializer;
    private Deserializer<V> valueDeserializer;

    SourceNode(String name, List<String> topics, Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer,
               TimestampExtractor timestampExtractor) {
        super(name, new ForwardingProcessor<>(), Set.of());
        this.topics = topics;
        this.keyDeserializer = cast(keyDeserializer);
        this.valueDeserializer = cast(valueDeserializer);
        this.timestampExtractor = timestampExtractor;
    }

    List<String> topics() {
        return topics;
    }

    /** The topology's extractor for this source, or {@code null} for the application's default. */
    TimestampExtractor timestampExtractor() {
        return timestampExtractor;
    }

    @Override
    void init(ProcessorContextImpl context) {
        if (keyDeserializer == null) {
            keyDeserializer = cast(context.defaultSerde(true, name(), "key").deserializer());
        }
        if (valueDeserializer == null) {
            valueDeserializer = cast(context.defaultSerde(false, name(), "value").deserializer());
        }
        super.init(context);
    }

    /**
     * The raw record with key and value deserialized, everything else kept.
     *
     * @throws RuntimeException what the deserializer threw, for the task's deserialization exception handler
     */
    ConsumerRecord<Object, Object> deserialize(ConsumerRecord<byte[], byte[]> raw) {
        Object key = keyDeserializer.deserialize(raw.topic(), raw.headers(), raw.key());
        Object value = valueDeserializer.deserialize(raw.topic(), raw.headers(), raw.value());
        return new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), raw.timestamp(),
            raw.timestampType(), raw.serializedKeySize(), raw.serializedValueSize(), key, value, raw.headers(),
            raw.leaderEpoch());
    }

    @SuppressWarnings("unchecked") // serdes are untyped at the topology edge; the DSL keeps them consistent
    private static <T> Deserializer<T> cast(Deserializer<?> deserializer) {
        return (Deserializer<T>) deserializer;
    }

    /** Passes every record on: a source has no logic of its own. */
    private static final class ForwardingProcessor<K, V> implements Processor<K, V, K, V> {
        private ProcessorContext<K, V> context;

        @Override
        public void init(ProcessorContext<K, V> context) {
            this.context = context;
        }

        @Override
        public void process(Record<K, V> record) {
            context.forward(record);
        }
    }
}
