package io.sluice.streams;

import io.sluice.streams.kstream.Consumed;
import io.sluice.streams.kstream.GlobalKTable;
import io.sluice.streams.kstream.KStream;
import io.sluice.streams.kstream.KTable;
import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.kstream.internals.GlobalTableBuilder;
import io.sluice.streams.kstream.internals.InternalStreamsBuilder;
import io.sluice.streams.kstream.internals.KStreamImpl;
import io.sluice.streams.kstream.internals.KTableImpl;
import io.sluice.streams.state.BuiltInDslStoreSuppliers;
import io.sluice.streams.state.KeyValueStore;
import org.apache.kafka.common.utils.Bytes;

/**
 * Builds a {@link Topology} with the DSL: read topics as streams or tables, transform them, then
 * {@link #build()}. Operator and store names are generated in call order as in Kafka Streams unless given with
 * {@code Named}, {@code Materialized.as} and the like.
 *
 * <p>Threading: build on one thread.
 */
public class StreamsBuilder {
    private final Topology topology = new Topology();
    private final InternalStreamsBuilder internal;

    /** A builder whose DSL operators store in RocksDB unless their {@code Materialized} says otherwise. */
    public StreamsBuilder() {
        this.internal = new InternalStreamsBuilder(topology.internalTopologyBuilder(),
            BuiltInDslStoreSuppliers.ROCKS_DB);
    }

    /** A builder whose DSL operators get their stores as {@code topologyConfigs} says when they name none. */
    public StreamsBuilder(TopologyConfig topologyConfigs) {
        this.internal = new InternalStreamsBuilder(topology.internalTopologyBuilder(),
            topologyConfigs.dslStoreSuppliers());
    }

    public synchronized <K, V> KStream<K, V> stream(String topic) {
        return stream(java.util.List.of(topic), Consumed.with(null, null));
    }

    public synchronized <K, V> KStream<K, V> stream(String topic, Consumed<K, V> consumed) {
        return stream(java.util.List.of(topic), consumed);
    }

    public synchronized <K, V> KStream<K, V> stream(java.util.Collection<String> topics) {
        return stream(topics, Consumed.with(null, null));
    }

    public synchronized <K, V> KStream<K, V> stream(java.util.Collection<String> topics, Consumed<K, V> consumed) {
        String name = internal.name(consumed.name(), "KSTREAM-SOURCE-");
        internal.topology().addSource(consumed.offsetResetPolicy(), name, consumed.timestampExtractor(),
            consumed.keySerde() == null ? null : consumed.keySerde().deserializer(),
            consumed.valueSerde() == null ? null : consumed.valueSerde().deserializer(),
            topics.toArray(String[]::new));
        return new KStreamImpl<>(internal, name, consumed.keySerde(), consumed.valueSerde(), false);
    }

    public synchronized <K, V> KTable<K, V> table(String topic) {
        return table(topic, Consumed.with(null, null), null);
    }

    public synchronized <K, V> KTable<K, V> table(String topic, Consumed<K, V> consumed) {
        return table(topic, consumed, null);
    }

    public synchronized <K, V> KTable<K, V> table(String topic,
                                                  Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return table(topic, Consumed.with(null, null), materialized);
    }

    /** A table read from {@code topic}; it is always materialized (its store name is generated unless given). */
    public synchronized <K, V> KTable<K, V> table(String topic, Consumed<K, V> consumed,
                                                  Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        KStreamImpl<K, V> source = (KStreamImpl<K, V>) stream(topic, consumed);
        return ((KTableImpl<K, V>) source.toTable(materialized == null
            ? Materialized.as(internal.newStoreName(topic + "-")) : materialized));
    }

    public synchronized <K, V> GlobalKTable<K, V> globalTable(String topic) {
        return globalTable(topic, Consumed.with(null, null), null);
    }

    public synchronized <K, V> GlobalKTable<K, V> globalTable(String topic, Consumed<K, V> consumed) {
        return globalTable(topic, consumed, null);
    }

    public synchronized <K, V> GlobalKTable<K, V> globalTable(
            String topic, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return globalTable(topic, Consumed.with(null, null), java.util.Objects.requireNonNull(materialized,
            "materialized can't be null"));
    }

    /**
     * A table holding all of {@code topic} in every instance, kept current from the topic by a global store (its
     * name generated unless given); joins look it up by a key derived from each stream record.
     */
    public synchronized <K, V> GlobalKTable<K, V> globalTable(
            String topic, Consumed<K, V> consumed, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        java.util.Objects.requireNonNull(topic, "topic can't be null");
        java.util.Objects.requireNonNull(consumed, "consumed can't be null");
        return GlobalTableBuilder.globalTable(internal, topic, consumed, materialized);
    }

    /** The topology built so far; the builder may go on adding to it. */
    public synchronized Topology build() {
        return topology;
    }
}
