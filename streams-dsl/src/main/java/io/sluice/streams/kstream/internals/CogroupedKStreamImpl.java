package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Aggregator;
import io.sluice.streams.kstream.CogroupedKStream;
import io.sluice.streams.kstream.EmitStrategy;
import io.sluice.streams.kstream.Initializer;
import io.sluice.streams.kstream.KGroupedStream;
import io.sluice.streams.kstream.KTable;
import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.kstream.Named;
import io.sluice.streams.kstream.SessionWindowedCogroupedKStream;
import io.sluice.streams.kstream.SessionWindows;
import io.sluice.streams.kstream.SlidingWindows;
import io.sluice.streams.kstream.TimeWindowedCogroupedKStream;
import io.sluice.streams.kstream.Window;
import io.sluice.streams.kstream.Windows;
import io.sluice.streams.processor.api.ContextualProcessor;
import io.sluice.streams.processor.api.ProcessorSupplier;
import io.sluice.streams.processor.api.Record;
import io.sluice.streams.state.KeyValueStore;
import io.sluice.streams.state.StoreBuilder;
import io.sluice.streams.state.TimestampedKeyValueStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/**
 * Cogrouped streams and the topology an aggregation of them builds: each input (read back from its own
 * repartition topic when its key changed) gets an aggregation processor folding into the one shared store, and a
 * merge node downstream of all of them is the result table's node. Naming follows Kafka Streams:
 * {@code COGROUPKSTREAM-AGGREGATE-} processors and store, a {@code COGROUPKSTREAM-MERGE-} node, or
 * {@code <name>-cogroup-agg-<i>} and {@code <name>-cogroup-merge} when named.
 *
 * <p>Threading: the thread building the topology. Adding a grouped stream again replaces its aggregator.
 */
final class CogroupedKStreamImpl<K, VOut> implements CogroupedKStream<K, VOut> {
    static final String AGGREGATE_PREFIX = "COGROUPKSTREAM-AGGREGATE-";
    private static final String MERGE_PREFIX = "COGROUPKSTREAM-MERGE-";

    private final InternalStreamsBuilder builder;
    private final Map<KGroupedStreamImpl<K, ?>, Aggregator<? super K, ?, VOut>> inputs = new LinkedHashMap<>();

    CogroupedKStreamImpl(InternalStreamsBuilder builder) {
        this.builder = builder;
    }

    /** Makes the aggregation processor of one input, given that input's aggregator. */
    @FunctionalInterface
    interface AggregationFactory<K, VOut> {
        <V> ProcessorSupplier<K, V, ?, ?> forInput(Aggregator<? super K, ? super V, VOut> aggregator);
    }

    @Override
    public <VIn> CogroupedKStream<K, VOut> cogroup(KGroupedStream<K, VIn> groupedStream,
                                                   Aggregator<? super K, ? super VIn, VOut> aggregator) {
        Objects.requireNonNull(groupedStream, "groupedStream");
        inputs.put((KGroupedStreamImpl<K, VIn>) groupedStream, Objects.requireNonNull(aggregator, "aggregator"));
        return this;
    }

    @Override
    public KTable<K, VOut> aggregate(Initializer<VOut> initializer) {
        return aggregate(initializer, null, null);
    }

    @Override
    public KTable<K, VOut> aggregate(Initializer<VOut> initializer, Named named) {
        return aggregate(initializer, named, null);
    }

    @Override
    public KTable<K, VOut> aggregate(Initializer<VOut> initializer,
                                     Materialized<K, VOut, KeyValueStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, null, materialized);
    }

    @Override
    public KTable<K, VOut> aggregate(Initializer<VOut> initializer, Named named,
                                     Materialized<K, VOut, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer");
        StoreBuilder<TimestampedKeyValueStore<K, VOut>> store = KeyValueMaterializer.storeBuilder(builder, materialized,
            AGGREGATE_PREFIX, keySerde(), null);
        AggregationFactory<K, VOut> factory = new AggregationFactory<>() {
            @Override
            public <V> ProcessorSupplier<K, V, ?, ?> forInput(Aggregator<? super K, ? super V, VOut> aggregator) {
                return new KStreamAggregateSupplier<>(store.name(), initializer, aggregator);
            }
        };
        return build(named, store, factory, valueSerde(materialized), new StoreValueGetterSupplier<>(store.name()));
    }

    @Override
    public <W extends Window> TimeWindowedCogroupedKStream<K, VOut> windowedBy(Windows<W> windows) {
        return new TimeWindowedCogroupedKStreamImpl<>(this, WindowSpec.of(Objects.requireNonNull(windows,
            "windows")));
    }

    @Override
    public TimeWindowedCogroupedKStream<K, VOut> windowedBy(SlidingWindows windows) {
        return new TimeWindowedCogroupedKStreamImpl<>(this, WindowSpec.of(Objects.requireNonNull(windows,
            "windows")));
    }

    @Override
    public SessionWindowedCogroupedKStream<K, VOut> windowedBy(SessionWindows windows) {
        return new SessionWindowedCogroupedKStreamImpl<>(this, Objects.requireNonNull(windows, "windows"));
    }

    InternalStreamsBuilder builder() {
        return builder;
    }

    /** The key serde of the inputs: the first one given. */
    Serde<K> keySerde() {
        return inputs.keySet().stream().map(input -> input.keySerde).filter(Objects::nonNull).findFirst()
            .orElse(null);
    }

    static <V> Serde<V> valueSerde(Materialized<?, V, ?> materialized) {
        return materialized == null ? null : materialized.valueSerdeOrNull();
    }

    /**
     * Adds one aggregation processor per input, all connected to {@code store}, and the merge node that is the
     * result table's node.
     */
    @SuppressWarnings({"unchecked", "rawtypes"}) // each input's aggregator takes that input's value type
    <KT, VT> KTableImpl<KT, VT> build(Named named, StoreBuilder<?> store, AggregationFactory<K, VOut> factory,
                                      Serde<VT> valueSerde, KTableValueGetterSupplier<KT, VT> valueGetter) {
        String given = KStreamImpl.nameOf(named);
        List<String> aggregators = new ArrayList<>();
        int index = 0;
        int unnamedRepartitions = 0;
        for (Map.Entry<KGroupedStreamImpl<K, ?>, Aggregator<? super K, ?, VOut>> input : inputs.entrySet()) {
            KGroupedStreamImpl<K, ?> grouped = input.getKey();
            String repartitionBase = store.name();
            if (grouped.repartitionRequired && grouped.groupName == null && unnamedRepartitions++ > 0) {
                repartitionBase = store.name() + "-" + (unnamedRepartitions - 1);
            }
            KStreamImpl<K, ?> partitioned = grouped.partitioned(repartitionBase);
            String name = given != null ? given + "-cogroup-agg-" + index : builder.newName(AGGREGATE_PREFIX);
            builder.topology().addProcessor(name, factory.forInput((Aggregator) input.getValue()),
                partitioned.nodeName);
            aggregators.add(name);
            index++;
        }
        if (aggregators.isEmpty()) {
            throw new IllegalStateException("A cogrouped aggregation needs at least one grouped stream");
        }
        builder.topology().addStateStore(store, false, aggregators.toArray(String[]::new));
        String merge = given != null ? given + "-cogroup-merge" : builder.newName(MERGE_PREFIX);
        builder.topology().addProcessor(merge, () -> new ContextualProcessor<Object, Object, Object, Object>() {
            @Override
            public void process(Record<Object, Object> record) {
                context().forward(record);
            }
        }, aggregators.toArray(String[]::new));
        return new KTableImpl<>(builder, merge, null, valueSerde, store.name(), valueGetter);
    }

    /** The emit strategy of cogrouped windowed aggregations, which cannot choose one. */
    static EmitStrategy emitStrategy() {
        return EmitStrategy.onWindowUpdate();
    }
}
