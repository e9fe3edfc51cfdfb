package io.sluice.streams.kstream.internals;

import io.sluice.streams.KeyValue;
import io.sluice.streams.kstream.Aggregator;
import io.sluice.streams.kstream.Initializer;
import io.sluice.streams.kstream.KGroupedTable;
import io.sluice.streams.kstream.KTable;
import io.sluice.streams.kstream.KeyValueMapper;
import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.kstream.Named;
import io.sluice.streams.kstream.Reducer;
import io.sluice.streams.state.KeyValueStore;
import io.sluice.streams.state.StoreBuilder;
import io.sluice.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;

/**
 * A regrouped table under construction. Each aggregation adds, under the table, the selector
 * ({@link KTableRepartitionMapSupplier}), a repartition topic named after the {@code Grouped} name or else the
 * aggregation's store (as in Kafka Streams) and the aggregating processor ({@link KTableAggregateSupplier}) with
 * its store: the repartition topic always exists because the selector may change every key.
 *
 * <p>Threading: the thread building the topology.
 */
final class KGroupedTableImpl<K, V> implements KGroupedTable<K, V> {
    private final KTableImpl<?, ?> table;
    private final KeyValueMapper<?, ?, ?> selector;
    private final String groupName;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;

    <KT, VT> KGroupedTableImpl(KTableImpl<KT, VT> table,
                               KeyValueMapper<? super KT, ? super VT,
                                   ? extends KeyValue<? extends K, ? extends V>> selector,
                               String groupName, Serde<K> keySerde, Serde<V> valueSerde) {
        this.table = table;
        this.selector = selector;
        this.groupName = groupName;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    @Override
    public KTable<K, Long> count() {
        return count(null, null);
    }

    @Override
    public KTable<K, Long> count(Named named) {
        return count(named, null);
    }

    @Override
    public KTable<K, Long> count(Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized) {
        return count(null, materialized);
    }

    @Override
    public KTable<K, Long> count(Named named, Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized) {
        return aggregate(() -> 0L, (key, value, count) -> count + 1, (key, value, count) -> count - 1, named,
            materialized, Serdes.Long(), "KTABLE-AGGREGATE-");
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor) {
        return reduce(adder, subtractor, null, null);
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor,
                               Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return reduce(adder, subtractor, null, materialized);
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor, Named named,
                               Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        // A group's first value is its aggregate as is; null marks "no aggregate yet".
        return aggregate(() -> null, (key, value, aggregate) -> aggregate == null ? value
                : adder.apply(aggregate, value), (key, value, aggregate) -> subtractor.apply(aggregate, value),
            named, materialized, valueSerde, "KTABLE-REDUCE-");
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                        Aggregator<? super K, ? super V, VR> subtractor) {
        return aggregate(initializer, adder, subtractor, null, null);
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                        Aggregator<? super K, ? super V, VR> subtractor, Named named) {
        return aggregate(initializer, adder, subtractor, named, null);
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                        Aggregator<? super K, ? super V, VR> subtractor,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, adder, subtractor, null, materialized);
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                        Aggregator<? super K, ? super V, VR> subtractor, Named named,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, adder, subtractor, named, materialized, null, "KTABLE-AGGREGATE-");
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // the selector's input types are the table's, checked at groupBy
    private <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                         Aggregator<? super K, ? super V, VR> subtractor, Named named,
                                         Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized,
                                         Serde<VR> aggregateSerde, String prefix) {
        InternalStreamsBuilder builder = table.builder;
        StoreBuilder<TimestampedKeyValueStore<K, VR>> store =
            KeyValueMaterializer.storeBuilder(builder, materialized, prefix, keySerde, aggregateSerde);
        String selectName = builder.newName("KTABLE-SELECT-");
        String topic = (groupName != null ? groupName : store.name()) + "-repartition";
        String name = builder.name(KStreamImpl.nameOf(named), prefix);
        builder.topology().addProcessor(selectName,
            new KTableRepartitionMapSupplier(selectName, (KeyValueMapper) selector, valueSerde, topic),
            table.nodeName);
        builder.topology().addRepartitionTopic(topic, null);
        builder.topology().addSink(topic + "-sink", topic, KStreamImpl.serializer(null, keySerde),
            new ByteArraySerializer(), null, selectName);
        builder.topology().addSource(null, topic + "-source", null, KStreamImpl.deserializer(keySerde),
            new ByteArrayDeserializer(), topic);
        builder.topology().addProcessor(name, new KTableAggregateSupplier<>(name, store.name(), valueSerde, topic,
            initializer, adder, subtractor), topic + "-source");
        builder.topology().addStateStore(store, false, name);
        return new KTableImpl<>(builder, name, keySerde, aggregateSerde, store.name(),
            new StoreValueGetterSupplier<>(store.name()));
    }
}
