package io.sluice.streams;

import io.sluice.streams.processor.StreamPartitioner;
import io.sluice.streams.processor.TimestampExtractor;
import io.sluice.streams.processor.TopicNameExtractor;
import io.sluice.streams.processor.api.ProcessorSupplier;
import io.sluice.streams.processor.internals.InternalTopologyBuilder;
import io.sluice.streams.processor.internals.TopologyDescriptionImpl;
import io.sluice.streams.state.StoreBuilder;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A graph of sources, processors, sinks and state stores, built by hand with the Processor API or by a
 * {@link StreamsBuilder}. Run it with a {@code StreamsApp} or test it with a {@link TopologyTestDriver}. Every
 * method validates at once and throws {@link io.sluice.streams.errors.TopologyException} with the reason.
 *
 * <p>Sources and sinks without serdes use the application's {@code default.key.serde} /
 * {@code default.value.serde}.
 *
 * <p>Threading: build on one thread; a topology may be run many times (each run makes new processors and stores).
 */
public class Topology {
    private final InternalTopologyBuilder internal = new InternalTopologyBuilder();

    public Topology() {
    }

    public synchronized Topology addSource(String name, String... topics) {
        internal.addSource(null, name, null, null, null, topics);
        return this;
    }

    public synchronized Topology addSource(AutoOffsetReset offsetReset, String name, String... topics) {
        internal.addSource(offsetReset, name, null, null, null, topics);
        return this;
    }

    public synchronized Topology addSource(TimestampExtractor timestampExtractor, String name, String... topics) {
        internal.addSource(null, name, timestampExtractor, null, null, topics);
        return this;
    }

    public synchronized Topology addSource(String name, Deserializer<?> keyDeserializer,
                                           Deserializer<?> valueDeserializer, String... topics) {
        internal.addSource(null, name, null, keyDeserializer, valueDeserializer, topics);
        return this;
    }

    public synchronized Topology addSource(AutoOffsetReset offsetReset, String name,
                                           TimestampExtractor timestampExtractor, Deserializer<?> keyDeserializer,
                                           Deserializer<?> valueDeserializer, String... topics) {
        internal.addSource(offsetReset, name, timestampExtractor, keyDeserializer, valueDeserializer, topics);
        return this;
    }

    public synchronized <KIn, VIn, KOut, VOut> Topology addProcessor(
            String name, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier, String... parentNames) {
        internal.addProcessor(name, supplier, parentNames);
        return this;
    }

    public synchronized Topology addSink(String name, String topic, String... parentNames) {
        internal.addSink(name, topic, null, null, null, parentNames);
        return this;
    }

    public synchronized <K, V> Topology addSink(String name, String topic, StreamPartitioner<? super K, ? super V> partitioner,
                                                String... parentNames) {
        internal.addSink(name, topic, null, null, partitioner, parentNames);
        return this;
    }

    public synchronized <K, V> Topology addSink(String name, String topic, Serializer<K> keySerializer,
                                                Serializer<V> valueSerializer, String... parentNames) {
        internal.addSink(name, topic, keySerializer, valueSerializer, null, parentNames);
        return this;
    }

    public synchronized <K, V> Topology addSink(String name, String topic, Serializer<K> keySerializer,
                                                Serializer<V> valueSerializer,
                                                StreamPartitioner<? super K, ? super V> partitioner,
                                                String... parentNames) {
        internal.addSink(name, topic, keySerializer, valueSerializer, partitioner, parentNames);
        return this;
    }

    public synchronized <K, V> Topology addSink(String name, TopicNameExtractor<? super K, ? super V> topicExtractor,
                                                String... parentNames) {
        internal.addSink(name, topicExtractor, null, null, null, parentNames);
        return this;
    }

    public synchronized <K, V> Topology addSink(String name, TopicNameExtractor<? super K, ? super V> topicExtractor,
                                                Serializer<K> keySerializer, Serializer<V> valueSerializer,
                                                String... parentNames) {
        internal.addSink(name, topicExtractor, keySerializer, valueSerializer, null, parentNames);
        return this;
    }

    public synchronized <K, V> Topology addSink(String name, TopicNameExtractor<? super K, ? super V> topicExtractor,
                                                Serializer<K> keySerializer, Serializer<V> valueSerializer,
                                                StreamPartitioner<? super K, ? super V> partitioner,
                                                String... parentNames) {
        internal.addSink(name, topicExtractor, keySerializer, valueSerializer, partitioner, parentNames);
        return this;
    }

    /** Adds a store, connected to the named processors (more can be connected later). */
    public synchronized Topology addStateStore(StoreBuilder<?> storeBuilder, String... processorNames) {
        internal.addStateStore(storeBuilder, false, processorNames);
        return this;
    }

    public synchronized Topology connectProcessorAndStateStores(String processorName, String... stateStoreNames) {
        internal.connectProcessorAndStateStores(processorName, stateStoreNames);
        return this;
    }

    /**
     * Adds a global store: every instance keeps a full copy of {@code topic}, fed through {@code stateUpdateSupplier}
     * (which must write what it reads into the store); its logging must be disabled, as the topic is its changelog.
     */
    public synchronized <K, V> Topology addGlobalStore(StoreBuilder<?> storeBuilder, String sourceName,
                                                       Deserializer<K> keyDeserializer,
                                                       Deserializer<V> valueDeserializer, String topic,
                                                       String processorName,
                                                       ProcessorSupplier<K, V, Void, Void> stateUpdateSupplier) {
        internal.addGlobalStore(storeBuilder, sourceName, null, keyDeserializer, valueDeserializer, topic,
            processorName, stateUpdateSupplier);
        return this;
    }

    public synchronized <K, V> Topology addGlobalStore(StoreBuilder<?> storeBuilder, String sourceName,
                                                       TimestampExtractor timestampExtractor,
                                                       Deserializer<K> keyDeserializer,
                                                       Deserializer<V> valueDeserializer, String topic,
                                                       String processorName,
                                                       ProcessorSupplier<K, V, Void, Void> stateUpdateSupplier) {
        internal.addGlobalStore(storeBuilder, sourceName, timestampExtractor, keyDeserializer, valueDeserializer,
            topic, processorName, stateUpdateSupplier);
        return this;
    }

    /** The topology's current shape; print it, or render it with {@link TopologyDescription#toMermaid()}. */
    public synchronized TopologyDescription describe() {
        return new TopologyDescriptionImpl(internal);
    }

    /** For the runtime and the test driver. */
    public InternalTopologyBuilder internalTopologyBuilder() {
        return internal;
    }
}
