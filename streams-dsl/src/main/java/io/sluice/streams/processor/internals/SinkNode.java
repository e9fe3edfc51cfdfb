package io.sluice.streams.processor.internals;

import io.sluice.streams.errors.ErrorHandlerContext;
import io.sluice.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import io.sluice.streams.errors.StreamsException;
import io.sluice.streams.processor.StreamPartitioner;
import io.sluice.streams.processor.TopicNameExtractor;
import io.sluice.streams.processor.api.Processor;
import io.sluice.streams.processor.api.ProcessorContext;
import io.sluice.streams.processor.api.Record;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Where records leave a task: serializes them (the application's default serdes where the topology gave none)
 * and hands them to the task's {@link RecordCollector}, on the partitions the partitioner picks. A record that
 * cannot be serialized, or whose send fails, goes to the production exception handler.
 */
final class SinkNode<K, V> extends ProcessorNode<K, V, Void, Void> {
    SinkNode(String name, TopicNameExtractor<?, ?> topicExtractor, Serializer<?> keySerializer,
             Serializer<?> valueSerializer, StreamPartitioner<?, ?> partitioner) {
        super(name, new SendingProcessor<K, V>(name, cast(topicExtractor), cast(keySerializer),
            cast(valueSerializer), cast(partitioner)), Set.of());
    }

    @SuppressWarnings("unchecked") // untyped at the topology edge; the DSL keeps serdes and types consistent
    private static <T> T cast(Object value) {
        return (T) value;
    }

    /** Serializes and sends; never forwards (a sink has no children). */
    private static final class SendingProcessor<K, V> implements Processor<K, V, Void, Void> {
        private final String name;
        private final TopicNameExtractor<K, V> topicExtractor;
        private final StreamPartitioner<K, V> partitioner;
        private Serializer<K> keySerializer;
        private Serializer<V> valueSerializer;
        private ProcessorContextImpl context;

        SendingProcessor(String name, TopicNameExtractor<K, V> topicExtractor, Serializer<K> keySerializer,
                         Serializer<V> valueSerializer, StreamPartitioner<K, V> partitioner) {
            this.name = name;
            this.topicExtractor = topicExtractor;
            this.keySerializer = keySerializer;
            this.valueSerializer = valueSerializer;
            this.partitioner = partitioner;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = (ProcessorContextImpl) (ProcessorContext<?, ?>) context;
            if (keySerializer == null) {
                keySerializer = cast(this.context.defaultSerde(true, name, "key").serializer());
            }
            if (valueSerializer == null) {
                valueSerializer = cast(this.context.defaultSerde(false, name, "value").serializer());
            }
        }

        @Override
        public void process(Record<K, V> record) {
            String topic = topicExtractor.extract(record.key(), record.value(), context.recordContext());
            if (topic == null || topic.isEmpty()) {
                throw new StreamsException("the TopicNameExtractor of sink " + name + " returned no topic for "
                    + "key " + record.key());
            }
            byte[] key;
            byte[] value;
            try {
                key = keySerializer.serialize(topic, record.headers(), record.key());
            } catch (RuntimeException e) {
                serializationFailed(topic, record, SerializationExceptionOrigin.KEY, e);
                return;
            }
            try {
                value = valueSerializer.serialize(topic, record.headers(), record.value());
            } catch (RuntimeException e) {
                serializationFailed(topic, record, SerializationExceptionOrigin.VALUE, e);
                return;
            }
            RecordCollector collector = context.collector();
            ErrorHandlerContext origin = context.failures().outputContext(name, context.recordContext(),
                record.timestamp());
            if (partitioner == null) {
                collector.send(topic, null, key, value, record.headers(), record.timestamp(), origin);
                return;
            }
            Optional<Set<Integer>> partitions =
                partitioner.partitions(topic, record.key(), record.value(), collector.partitionsFor(topic));
            if (partitions.isEmpty()) {
                collector.send(topic, null, key, value, record.headers(), record.timestamp(), origin);
            } else {
                for (Integer partition : partitions.get()) {
                    collector.send(topic, partition, key, value, record.headers(), record.timestamp(), origin);
                }
            }
        }

        /** The production exception handler decides: the record is not written, and the task fails or goes on. */
        private void serializationFailed(String topic, Record<K, V> record, SerializationExceptionOrigin origin,
                                         RuntimeException error) {
            context.failures().onSerializationError(name, new ProducerRecord<>(topic, null, record.timestamp(),
                record.key(), record.value(), record.headers()), context.recordContext(), origin, error);
        }
    }
}
