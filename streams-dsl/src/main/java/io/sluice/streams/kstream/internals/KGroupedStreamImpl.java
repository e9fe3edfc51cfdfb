package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Aggregator;
import io.sluice.streams.kstream.CogroupedKStream;
import io.sluice.streams.kstream.EmitStrategy;
import io.sluice.streams.kstream.Initializer;
import io.sluice.streams.kstream.KGroupedStream;
import io.sluice.streams.kstream.KTable;
import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.kstream.Named;
import io.sluice.streams.kstream.Reducer;
import io.sluice.streams.kstream.SessionWindowedKStream;
import io.sluice.streams.kstream.SessionWindows;
import io.sluice.streams.kstream.SlidingWindows;
import io.sluice.streams.kstream.TimeWindowedKStream;
import io.sluice.streams.kstream.Window;
import io.sluice.streams.kstream.Windows;
import io.sluice.streams.state.KeyValueStore;
import io.sluice.streams.state.StoreBuilder;
import io.sluice.streams.state.TimestampedKeyValueStore;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;

/**
 * A grouped stream. If its key changed since it was partitioned, the aggregation first goes through a repartition
 * topic named after the aggregation's store (or the {@code Grouped} name), as in Kafka Streams.
 */
class KGroupedStreamImpl<K, V> implements KGroupedStream<K, V> {
    final KStreamImpl<K, V> stream;
    final String groupName;
    final Serde<K> keySerde;
    final Serde<V> valueSerde;
    final boolean repartitionRequired;

    KGroupedStreamImpl(KStreamImpl<K, V> stream, String groupName, Serde<K> keySerde, Serde<V> valueSerde,
                       boolean repartitionRequired) {
        this.stream = stream;
        this.groupName = groupName;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.repartitionRequired = repartitionRequired;
    }

    /** The stream to aggregate: this one, or the one read back from the repartition topic. */
    KStreamImpl<K, V> partitioned(String storeName) {
        if (!repartitionRequired) {
            return stream;
        }
        return stream.throughRepartitionTopic(groupName != null ? groupName : storeName, keySerde, valueSerde, null,
            null, true);
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
        return aggregate(() -> 0L, (key, value, count) -> count + 1, named, materialized, Serdes.Long(),
            "KSTREAM-AGGREGATE-");
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> reducer) {
        return reduce(reducer, null, null);
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> reducer, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return reduce(reducer, null, materialized);
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> reducer, Named named,
                               Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        // The first value of a key is its aggregate as is; null marks "no aggregate yet".
        return aggregate(() -> null, (key, value, aggregate) -> aggregate == null ? value
            : reducer.apply(aggregate, value), named, materialized, valueSerde, "KSTREAM-REDUCE-");
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator) {
        return aggregate(initializer, aggregator, null, null);
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, aggregator, null, materialized);
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                        Named named, Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, aggregator, named, materialized, null, "KSTREAM-AGGREGATE-");
    }

    private <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                         Named named, Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized,
                                         Serde<VR> aggregateSerde, String prefix) {
        InternalStreamsBuilder builder = stream.builder;
        StoreBuilder<TimestampedKeyValueStore<K, VR>> store =
            KeyValueMaterializer.storeBuilder(builder, materialized, prefix, keySerde, aggregateSerde);
        KStreamImpl<K, V> input = partitioned(store.name());
        String name = builder.name(KStreamImpl.nameOf(named), prefix);
        builder.topology().addProcessor(name, new KStreamAggregateSupplier<>(store.name(), initializer, aggregator),
            input.nodeName);
        builder.topology().addStateStore(store, false, name);
        return new KTableImpl<>(builder, name, keySerde, aggregateSerde, store.name(),
            new StoreValueGetterSupplier<>(store.name()));
    }

    @Override
    public <W extends Window> TimeWindowedKStream<K, V> windowedBy(Windows<W> windows) {
        return new TimeWindowedKStreamImpl<>(this, WindowSpec.of(Objects.requireNonNull(windows, "windows")),
            EmitStrategy.onWindowUpdate());
    }

    @Override
    public TimeWindowedKStream<K, V> windowedBy(SlidingWindows windows) {
        return new TimeWindowedKStreamImpl<>(this, WindowSpec.of(Objects.requireNonNull(windows, "windows")),
            EmitStrategy.onWindowUpdate());
    }

    @Override
    public SessionWindowedKStream<K, V> windowedBy(SessionWindows windows) {
        return new SessionWindowedKStreamImpl<>(this, Objects.requireNonNull(windows, "windows"),
            EmitStrategy.onWindowUpdate());
    }

    @Override
    public <VOut> CogroupedKStream<K, VOut> cogroup(Aggregator<? super K, ? super V, VOut> aggregator) {
        return new CogroupedKStreamImpl<K, VOut>(stream.builder).cogroup(this, aggregator);
    }
}
