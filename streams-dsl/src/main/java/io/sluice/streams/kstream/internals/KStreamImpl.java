package io.sluice.streams.kstream.internals;

import io.sluice.streams.KeyValue;
import io.sluice.streams.kstream.BranchedKStream;
import io.sluice.streams.kstream.ForeachAction;
import io.sluice.streams.kstream.GlobalKTable;
import io.sluice.streams.kstream.JoinWindows;
import io.sluice.streams.kstream.Grouped;
import io.sluice.streams.kstream.Joined;
import io.sluice.streams.kstream.KGroupedStream;
import io.sluice.streams.kstream.KStream;
import io.sluice.streams.kstream.KTable;
import io.sluice.streams.kstream.KeyValueMapper;
import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.kstream.Named;
import io.sluice.streams.kstream.Predicate;
import io.sluice.streams.kstream.Printed;
import io.sluice.streams.kstream.Produced;
import io.sluice.streams.kstream.Repartitioned;
import io.sluice.streams.kstream.StreamJoined;
import io.sluice.streams.kstream.ValueJoiner;
import io.sluice.streams.kstream.ValueJoinerWithKey;
import io.sluice.streams.kstream.ValueMapper;
import io.sluice.streams.kstream.ValueMapperWithKey;
import io.sluice.streams.processor.StreamPartitioner;
import io.sluice.streams.processor.TopicNameExtractor;
import io.sluice.streams.processor.api.ContextualFixedKeyProcessor;
import io.sluice.streams.processor.api.ContextualProcessor;
import io.sluice.streams.processor.api.FixedKeyProcessor;
import io.sluice.streams.processor.api.FixedKeyProcessorSupplier;
import io.sluice.streams.processor.api.FixedKeyRecord;
import io.sluice.streams.processor.api.InternalFixedKeyRecordFactory;
import io.sluice.streams.processor.api.Processor;
import io.sluice.streams.processor.api.ProcessorContext;
import io.sluice.streams.processor.api.ProcessorSupplier;
import io.sluice.streams.processor.api.Record;
import io.sluice.streams.state.KeyValueStore;
import io.sluice.streams.state.StoreBuilder;
import io.sluice.streams.state.TimestampedKeyValueStore;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/**
 * A stream as a node of the topology under construction, with the serdes known for it and whether its key has
 * changed since it was last partitioned. Each operator adds one or more nodes and returns a stream on the last.
 *
 * <p>Threading: the thread building the topology.
 */
public class KStreamImpl<K, V> implements KStream<K, V> {
    final InternalStreamsBuilder builder;
    final String nodeName;
    final Serde<K> keySerde;
    final Serde<V> valueSerde;
    final boolean repartitionRequired;

    public KStreamImpl(InternalStreamsBuilder builder, String nodeName, Serde<K> keySerde, Serde<V> valueSerde,
                       boolean repartitionRequired) {
        this.builder = builder;
        this.nodeName = nodeName;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.repartitionRequired = repartitionRequired;
    }

    static String nameOf(Named named) {
        return named == null ? null : named.name();
    }

    /** Adds a processor under this stream and returns its name. */
    <KIn, VIn, KOut, VOut> String addProcessor(String name, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier,
                                               String... stores) {
        builder.topology().addProcessor(name, supplier, nodeName);
        if (stores.length > 0) {
            builder.topology().connectProcessorAndStateStores(name, stores);
        }
        return name;
    }

    /** A fixed-key processor as a plain one: the runtime treats both alike, the API keeps the key fixed. */
    static <KIn, VIn, VOut> ProcessorSupplier<KIn, VIn, KIn, VOut> asProcessor(
            FixedKeyProcessorSupplier<KIn, VIn, VOut> supplier) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<KIn, VIn, KIn, VOut> get() {
                FixedKeyProcessor<KIn, VIn, VOut> delegate = supplier.get();
                return new Processor<>() {
                    @Override
                    @SuppressWarnings("unchecked") // the runtime's context is both kinds of context
                    public void init(ProcessorContext<KIn, VOut> context) {
                        delegate.init((io.sluice.streams.processor.api.FixedKeyProcessorContext<KIn, VOut>)
                            (Object) context);
                    }

                    @Override
                    public void process(Record<KIn, VIn> record) {
                        delegate.process(InternalFixedKeyRecordFactory.create(record));
                    }

                    @Override
                    public void close() {
                        delegate.close();
                    }
                };
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return supplier.stores();
            }
        };
    }

    private <VR> KStreamImpl<K, VR> fixedKey(String prefix, Named named, Serde<VR> newValueSerde,
                                             Supplier<FixedKeyProcessor<K, V, VR>> processor) {
        String name = addProcessor(builder.name(nameOf(named), prefix), asProcessor(processor::get));
        return new KStreamImpl<>(builder, name, keySerde, newValueSerde, repartitionRequired);
    }

    private <KR, VR> KStreamImpl<KR, VR> keyChanging(String prefix, Named named, Serde<VR> newValueSerde,
                                                     ProcessorSupplier<K, V, KR, VR> processor) {
        String name = addProcessor(builder.name(nameOf(named), prefix), processor);
        return new KStreamImpl<>(builder, name, null, newValueSerde, true);
    }

    // ---- stateless

    @Override
    public KStream<K, V> filter(Predicate<? super K, ? super V> predicate) {
        return filter(predicate, null);
    }

    @Override
    public KStream<K, V> filter(Predicate<? super K, ? super V> predicate, Named named) {
        return fixedKey("KSTREAM-FILTER-", named, valueSerde, () -> new ContextualFixedKeyProcessor<>() {
            @Override
            public void process(FixedKeyRecord<K, V> record) {
                if (predicate.test(record.key(), record.value())) {
                    context().forward(record);
                }
            }
        });
    }

    @Override
    public KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate) {
        return filterNot(predicate, null);
    }

    @Override
    public KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named) {
        return filter((key, value) -> !predicate.test(key, value), named);
    }

    @Override
    public <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper) {
        return selectKey(mapper, null);
    }

    @Override
    public <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named) {
        return keyChanging("KSTREAM-KEY-SELECT-", named, valueSerde, () -> new ContextualProcessor<K, V, KR, V>() {
            @Override
            public void process(Record<K, V> record) {
                context().forward(record.withKey(mapper.apply(record.key(), record.value())));
            }
        });
    }

    @Override
    public <KR, VR> KStream<KR, VR> map(
            KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper) {
        return map(mapper, null);
    }

    @Override
    public <KR, VR> KStream<KR, VR> map(
            KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper, Named named) {
        return keyChanging("KSTREAM-MAP-", named, null, () -> new ContextualProcessor<K, V, KR, VR>() {
            @Override
            public void process(Record<K, V> record) {
                KeyValue<? extends KR, ? extends VR> mapped = mapper.apply(record.key(), record.value());
                context().forward(record.<KR>withKey(mapped.key).<VR>withValue(mapped.value));
            }
        });
    }

    @Override
    public <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper) {
        return mapValues(mapper, null);
    }

    @Override
    public <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named) {
        return mapValues((ValueMapperWithKey<K, V, VR>) (key, value) -> mapper.apply(value), named);
    }

    @Override
    public <VR> KStream<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper) {
        return mapValues(mapper, null);
    }

    @Override
    public <VR> KStream<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named) {
        return fixedKey("KSTREAM-MAPVALUES-", named, null, () -> new ContextualFixedKeyProcessor<K, V, VR>() {
            @Override
            public void process(FixedKeyRecord<K, V> record) {
                context().forward(record.<VR>withValue(mapper.apply(record.key(), record.value())));
            }
        });
    }

    @Override
    public <KR, VR> KStream<KR, VR> flatMap(KeyValueMapper<? super K, ? super V,
            ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper) {
        return flatMap(mapper, null);
    }

    @Override
    public <KR, VR> KStream<KR, VR> flatMap(KeyValueMapper<? super K, ? super V,
            ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper, Named named) {
        return keyChanging("KSTREAM-FLATMAP-", named, null, () -> new ContextualProcessor<K, V, KR, VR>() {
            @Override
            public void process(Record<K, V> record) {
                for (KeyValue<? extends KR, ? extends VR> out : mapper.apply(record.key(), record.value())) {
                    context().forward(record.<KR>withKey(out.key).<VR>withValue(out.value));
                }
            }
        });
    }

    @Override
    public <VR> KStream<K, VR> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper) {
        return flatMapValues(mapper, null);
    }

    @Override
    public <VR> KStream<K, VR> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper,
                                             Named named) {
        return flatMapValues((ValueMapperWithKey<K, V, Iterable<? extends VR>>) (key, value) -> mapper.apply(value),
            named);
    }

    @Override
    public <VR> KStream<K, VR> flatMapValues(
            ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper) {
        return flatMapValues(mapper, null);
    }

    @Override
    public <VR> KStream<K, VR> flatMapValues(
            ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper, Named named) {
        return fixedKey("KSTREAM-FLATMAPVALUES-", named, null, () -> new ContextualFixedKeyProcessor<K, V, VR>() {
            @Override
            public void process(FixedKeyRecord<K, V> record) {
                for (VR value : mapper.apply(record.key(), record.value())) {
                    context().forward(record.withValue(value));
                }
            }
        });
    }

    @Override
    public KStream<K, V> peek(ForeachAction<? super K, ? super V> action) {
        return peek(action, null);
    }

    @Override
    public KStream<K, V> peek(ForeachAction<? super K, ? super V> action, Named named) {
        return fixedKey("KSTREAM-PEEK-", named, valueSerde, () -> new ContextualFixedKeyProcessor<>() {
            @Override
            public void process(FixedKeyRecord<K, V> record) {
                action.apply(record.key(), record.value());
                context().forward(record);
            }
        });
    }

    @Override
    public void foreach(ForeachAction<? super K, ? super V> action) {
        foreach(action, null);
    }

    @Override
    public void foreach(ForeachAction<? super K, ? super V> action, Named named) {
        addProcessor(builder.name(nameOf(named), "KSTREAM-FOREACH-"),
            () -> (Processor<K, V, Void, Void>) record -> action.apply(record.key(), record.value()));
    }

    @Override
    public void print(Printed<K, V> printed) {
        Objects.requireNonNull(printed, "printed");
        String name = builder.name(printed.name(), "KSTREAM-PRINTER-");
        PrintDestination destination = new PrintDestination(printed);
        addProcessor(name, () -> new PrintProcessor<>(printed, name, destination));
    }

    @Override
    public BranchedKStream<K, V> split() {
        return new BranchedKStreamImpl<>(this, null);
    }

    @Override
    public BranchedKStream<K, V> split(Named named) {
        return new BranchedKStreamImpl<>(this, Objects.requireNonNull(named, "named").name());
    }

    @Override
    public KStream<K, V> merge(KStream<K, V> stream) {
        return merge(stream, null);
    }

    @Override
    public KStream<K, V> merge(KStream<K, V> stream, Named named) {
        KStreamImpl<K, V> other = (KStreamImpl<K, V>) stream;
        String name = builder.name(nameOf(named), "KSTREAM-MERGE-");
        builder.topology().addProcessor(name, () -> new ContextualProcessor<K, V, K, V>() {
            @Override
            public void process(Record<K, V> record) {
                context().forward(record);
            }
        }, nodeName, other.nodeName);
        boolean sameSerdes = keySerde == other.keySerde && valueSerde == other.valueSerde;
        return new KStreamImpl<>(builder, name, sameSerdes ? keySerde : null, sameSerdes ? valueSerde : null,
            repartitionRequired || other.repartitionRequired);
    }

    // ---- topics

    @Override
    public void to(String topic) {
        to(topic, Produced.with(keySerde, valueSerde));
    }

    @Override
    public void to(String topic, Produced<K, V> produced) {
        String name = builder.name(produced.name(), "KSTREAM-SINK-");
        builder.topology().addSink(name, topic, serializer(produced.keySerdeOrNull(), keySerde),
            serializer(produced.valueSerdeOrNull(), valueSerde), produced.partitioner(), nodeName);
    }

    @Override
    public void to(TopicNameExtractor<K, V> topicExtractor) {
        to(topicExtractor, Produced.with(keySerde, valueSerde));
    }

    @Override
    public void to(TopicNameExtractor<K, V> topicExtractor, Produced<K, V> produced) {
        String name = builder.name(produced.name(), "KSTREAM-SINK-");
        builder.topology().addSink(name, topicExtractor, serializer(produced.keySerdeOrNull(), keySerde),
            serializer(produced.valueSerdeOrNull(), valueSerde), produced.partitioner(), nodeName);
    }

    static <T> org.apache.kafka.common.serialization.Serializer<T> serializer(Serde<T> given, Serde<T> known) {
        Serde<T> serde = given != null ? given : known;
        return serde == null ? null : serde.serializer();
    }

    static <T> org.apache.kafka.common.serialization.Deserializer<T> deserializer(Serde<T> serde) {
        return serde == null ? null : serde.deserializer();
    }

    @Override
    public KStream<K, V> repartition() {
        return repartition(Repartitioned.with(keySerde, valueSerde));
    }

    @Override
    public KStream<K, V> repartition(Repartitioned<K, V> repartitioned) {
        Serde<K> keys = repartitioned.keySerde() != null ? repartitioned.keySerde() : keySerde;
        Serde<V> values = repartitioned.valueSerde() != null ? repartitioned.valueSerde() : valueSerde;
        String base = repartitioned.name() != null ? repartitioned.name() : builder.newName("KSTREAM-REPARTITION-");
        return throughRepartitionTopic(base, keys, values, repartitioned.numberOfPartitionsOrNull(),
            repartitioned.partitioner(), false);
    }

    /**
     * Writes this stream to the internal topic {@code <base>-repartition} and returns the stream read back from
     * it: a new sub-topology starts there, partitioned by the current key.
     */
    KStreamImpl<K, V> throughRepartitionTopic(String base, Serde<K> keys, Serde<V> values, Integer partitions,
                                              StreamPartitioner<K, V> partitioner, boolean dropNullKeys) {
        String topic = base + "-repartition";
        builder.topology().addRepartitionTopic(topic, partitions);
        KStreamImpl<K, V> upstream = this;
        if (dropNullKeys) {
            upstream = (KStreamImpl<K, V>) filter((key, value) -> key != null, Named.as(base + "-repartition-filter"));
        }
        builder.topology().addSink(base + "-repartition-sink", topic, serializer(null, keys),
            serializer(null, values), partitioner, upstream.nodeName);
        builder.topology().addSource(null, base + "-repartition-source", null, deserializer(keys),
            deserializer(values), topic);
        return new KStreamImpl<>(builder, base + "-repartition-source", keys, values, false);
    }

    // ---- tables and grouping

    @Override
    public KTable<K, V> toTable() {
        return toTable(null, null);
    }

    @Override
    public KTable<K, V> toTable(Named named) {
        return toTable(named, null);
    }

    @Override
    public KTable<K, V> toTable(Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return toTable(null, materialized);
    }

    @Override
    public KTable<K, V> toTable(Named named, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        KStreamImpl<K, V> input = repartitionRequired
            ? throughRepartitionTopic(builder.newName("KSTREAM-TOTABLE-"), keySerde, valueSerde, null, null, true)
            : this;
        StoreBuilder<TimestampedKeyValueStore<K, V>> store =
            KeyValueMaterializer.storeBuilder(builder, materialized, "KSTREAM-TOTABLE-", keySerde, valueSerde);
        String name = builder.name(nameOf(named), "KSTREAM-TOTABLE-");
        builder.topology().addProcessor(name, new KTableSourceSupplier<K, V>(store.name()), input.nodeName);
        builder.topology().addStateStore(store, false, name);
        return new KTableImpl<>(builder, name, keySerde, valueSerde, store.name(),
            new StoreValueGetterSupplier<>(store.name()));
    }

    @Override
    public KGroupedStream<K, V> groupByKey() {
        return groupByKey(Grouped.with(keySerde, valueSerde));
    }

    @Override
    public KGroupedStream<K, V> groupByKey(Grouped<K, V> grouped) {
        Serde<K> keys = grouped.keySerdeOrNull() != null ? grouped.keySerdeOrNull() : keySerde;
        Serde<V> values = grouped.valueSerdeOrNull() != null ? grouped.valueSerdeOrNull() : valueSerde;
        return new KGroupedStreamImpl<>(this, grouped.name(), keys, values, repartitionRequired);
    }

    @Override
    public <KR> KGroupedStream<KR, V> groupBy(KeyValueMapper<? super K, ? super V, KR> keySelector) {
        return groupBy(keySelector, Grouped.with(null, valueSerde));
    }

    @Override
    public <KR> KGroupedStream<KR, V> groupBy(KeyValueMapper<? super K, ? super V, KR> keySelector,
                                              Grouped<KR, V> grouped) {
        KStreamImpl<KR, V> rekeyed = (KStreamImpl<KR, V>) selectKey(keySelector,
            grouped.name() == null ? null : Named.as(grouped.name() + "-key-select"));
        Serde<V> values = grouped.valueSerdeOrNull() != null ? grouped.valueSerdeOrNull() : valueSerde;
        return new KGroupedStreamImpl<>(rekeyed, grouped.name(), grouped.keySerdeOrNull(), values, true);
    }

    // ---- joins

    @Override
    public <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner) {
        return join(table, joiner, Joined.with(keySerde, valueSerde, null));
    }

    @Override
    public <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
                                        Joined<K, V, VT> joined) {
        return tableJoin(table, joiner, joined, false);
    }

    @Override
    public <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table,
                                            ValueJoiner<? super V, ? super VT, ? extends VR> joiner) {
        return leftJoin(table, joiner, Joined.with(keySerde, valueSerde, null));
    }

    @Override
    public <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table,
                                            ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
                                            Joined<K, V, VT> joined) {
        return tableJoin(table, joiner, joined, true);
    }

    private <VT, VR> KStream<K, VR> tableJoin(KTable<K, VT> table,
                                              ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
                                              Joined<K, V, VT> joined, boolean leftJoin) {
        KTableImpl<K, VT> right = (KTableImpl<K, VT>) table;
        Serde<K> keys = joined.keySerdeOrNull() != null ? joined.keySerdeOrNull() : keySerde;
        Serde<V> values = joined.valueSerdeOrNull() != null ? joined.valueSerdeOrNull() : valueSerde;
        KStreamImpl<K, V> left = repartitionRequired
            ? throughRepartitionTopic(joined.name() != null ? joined.name() : builder.newName("KSTREAM-JOIN-"),
                keys, values, null, null, true)
            : this;
        String name = builder.name(joined.name(), "KSTREAM-JOIN-");
        KTableValueGetterSupplier<K, VT> getter = right.valueGetterSupplier();
        left.addProcessor(name, new KStreamKTableJoin<>(getter, joiner, leftJoin), getter.storeNames());
        return new KStreamImpl<>(builder, name, keys, null, false);
    }

    static <K, V, VO, VR> ValueJoinerWithKey<K, V, VO, VR> withKey(ValueJoiner<? super V, ? super VO,
            ? extends VR> joiner) {
        Objects.requireNonNull(joiner, "joiner can't be null");
        return (key, value, otherValue) -> joiner.apply(value, otherValue);
    }

    private <VO, VR> KStream<K, VR> streamJoin(KStream<K, VO> otherStream,
                                               ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                               JoinWindows windows, StreamJoined<K, V, VO> streamJoined,
                                               boolean leftOuter, boolean rightOuter) {
        return StreamStreamJoinBuilder.join(this, otherStream, joiner, windows, streamJoined, leftOuter, rightOuter);
    }

    @Override
    public <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                        JoinWindows windows) {
        return streamJoin(otherStream, withKey(joiner), windows, StreamJoined.with(null, null, null), false, false);
    }

    @Override
    public <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream,
                                        ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                        JoinWindows windows) {
        return streamJoin(otherStream, joiner, windows, StreamJoined.with(null, null, null), false, false);
    }

    @Override
    public <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                        JoinWindows windows, StreamJoined<K, V, VO> streamJoined) {
        return streamJoin(otherStream, withKey(joiner), windows, streamJoined, false, false);
    }

    @Override
    public <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream,
                                        ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                        JoinWindows windows, StreamJoined<K, V, VO> streamJoined) {
        return streamJoin(otherStream, joiner, windows, streamJoined, false, false);
    }

    @Override
    public <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
                                            ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                            JoinWindows windows) {
        return streamJoin(otherStream, withKey(joiner), windows, StreamJoined.with(null, null, null), true, false);
    }

    @Override
    public <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
                                            ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                            JoinWindows windows) {
        return streamJoin(otherStream, joiner, windows, StreamJoined.with(null, null, null), true, false);
    }

    @Override
    public <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
                                            ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                            JoinWindows windows, StreamJoined<K, V, VO> streamJoined) {
        return streamJoin(otherStream, withKey(joiner), windows, streamJoined, true, false);
    }

    @Override
    public <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
                                            ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                            JoinWindows windows, StreamJoined<K, V, VO> streamJoined) {
        return streamJoin(otherStream, joiner, windows, streamJoined, true, false);
    }

    @Override
    public <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
                                             ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                             JoinWindows windows) {
        return streamJoin(otherStream, withKey(joiner), windows, StreamJoined.with(null, null, null), true, true);
    }

    @Override
    public <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
                                             ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                             JoinWindows windows) {
        return streamJoin(otherStream, joiner, windows, StreamJoined.with(null, null, null), true, true);
    }

    @Override
    public <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
                                             ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                             JoinWindows windows, StreamJoined<K, V, VO> streamJoined) {
        return streamJoin(otherStream, withKey(joiner), windows, streamJoined, true, true);
    }

    @Override
    public <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
                                             ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                             JoinWindows windows, StreamJoined<K, V, VO> streamJoined) {
        return streamJoin(otherStream, joiner, windows, streamJoined, true, true);
    }

    @Override
    public <KG, VG, VR> KStream<K, VR> join(GlobalKTable<KG, VG> globalTable,
                                            KeyValueMapper<? super K, ? super V, ? extends KG> keySelector,
                                            ValueJoiner<? super V, ? super VG, ? extends VR> joiner) {
        return globalTableJoin(globalTable, keySelector, withKey(joiner), false, null);
    }

    @Override
    public <KG, VG, VR> KStream<K, VR> join(GlobalKTable<KG, VG> globalTable,
                                            KeyValueMapper<? super K, ? super V, ? extends KG> keySelector,
                                            ValueJoinerWithKey<? super K, ? super V, ? super VG, ? extends VR> joiner) {
        return globalTableJoin(globalTable, keySelector, joiner, false, null);
    }

    @Override
    public <KG, VG, VR> KStream<K, VR> join(GlobalKTable<KG, VG> globalTable,
                                            KeyValueMapper<? super K, ? super V, ? extends KG> keySelector,
                                            ValueJoiner<? super V, ? super VG, ? extends VR> joiner, Named named) {
        return globalTableJoin(globalTable, keySelector, withKey(joiner), false, named);
    }

    @Override
    public <KG, VG, VR> KStream<K, VR> join(GlobalKTable<KG, VG> globalTable,
                                            KeyValueMapper<? super K, ? super V, ? extends KG> keySelector,
                                            ValueJoinerWithKey<? super K, ? super V, ? super VG, ? extends VR> joiner,
                                            Named named) {
        return globalTableJoin(globalTable, keySelector, joiner, false, named);
    }

    @Override
    public <KG, VG, VR> KStream<K, VR> leftJoin(GlobalKTable<KG, VG> globalTable,
                                                KeyValueMapper<? super K, ? super V, ? extends KG> keySelector,
                                                ValueJoiner<? super V, ? super VG, ? extends VR> joiner) {
        return globalTableJoin(globalTable, keySelector, withKey(joiner), true, null);
    }

    @Override
    public <KG, VG, VR> KStream<K, VR> leftJoin(GlobalKTable<KG, VG> globalTable,
                                                KeyValueMapper<? super K, ? super V, ? extends KG> keySelector,
                                                ValueJoinerWithKey<? super K, ? super V, ? super VG, ? extends VR> joiner) {
        return globalTableJoin(globalTable, keySelector, joiner, true, null);
    }

    @Override
    public <KG, VG, VR> KStream<K, VR> leftJoin(GlobalKTable<KG, VG> globalTable,
                                                KeyValueMapper<? super K, ? super V, ? extends KG> keySelector,
                                                ValueJoiner<? super V, ? super VG, ? extends VR> joiner, Named named) {
        return globalTableJoin(globalTable, keySelector, withKey(joiner), true, named);
    }

    @Override
    public <KG, VG, VR> KStream<K, VR> leftJoin(GlobalKTable<KG, VG> globalTable,
                                                KeyValueMapper<? super K, ? super V, ? extends KG> keySelector,
                                                ValueJoinerWithKey<? super K, ? super V, ? super VG, ? extends VR> joiner,
                                                Named named) {
        return globalTableJoin(globalTable, keySelector, joiner, true, named);
    }

    /** A lookup join: no repartitioning (the whole table is local), the stream keeps its key and partitioning. */
    private <KG, VG, VR> KStream<K, VR> globalTableJoin(
            GlobalKTable<KG, VG> globalTable, KeyValueMapper<? super K, ? super V, ? extends KG> keySelector,
            ValueJoinerWithKey<? super K, ? super V, ? super VG, ? extends VR> joiner, boolean leftJoin,
            Named named) {
        Objects.requireNonNull(globalTable, "globalTable can't be null");
        Objects.requireNonNull(keySelector, "keySelector can't be null");
        Objects.requireNonNull(joiner, "joiner can't be null");
        // Kafka Streams names inner and left global-table joins alike.
        String name = addProcessor(builder.name(nameOf(named), "KSTREAM-LEFTJOIN-"), new KStreamGlobalKTableJoin<>(
            ((GlobalKTableImpl<KG, VG>) globalTable).valueGetterSupplier(), keySelector, joiner, leftJoin));
        return new KStreamImpl<>(builder, name, keySerde, null, repartitionRequired);
    }

    // ---- Processor API

    @Override
    public <KOut, VOut> KStream<KOut, VOut> process(
            ProcessorSupplier<? super K, ? super V, KOut, VOut> processorSupplier, String... stateStoreNames) {
        return process(processorSupplier, null, stateStoreNames);
    }

    @Override
    public <KOut, VOut> KStream<KOut, VOut> process(
            ProcessorSupplier<? super K, ? super V, KOut, VOut> processorSupplier, Named named,
            String... stateStoreNames) {
        String name = addProcessor(builder.name(nameOf(named), "KSTREAM-PROCESSOR-"), processorSupplier,
            stateStoreNames);
        return new KStreamImpl<>(builder, name, null, null, true);
    }

    @Override
    public <VOut> KStream<K, VOut> processValues(
            FixedKeyProcessorSupplier<? super K, ? super V, VOut> processorSupplier, String... stateStoreNames) {
        return processValues(processorSupplier, null, stateStoreNames);
    }

    @Override
    @SuppressWarnings("unchecked") // a supplier of a processor for supertypes of K, V processes K, V
    public <VOut> KStream<K, VOut> processValues(
            FixedKeyProcessorSupplier<? super K, ? super V, VOut> processorSupplier, Named named,
            String... stateStoreNames) {
        String name = addProcessor(builder.name(nameOf(named), "KSTREAM-PROCESSVALUES-"),
            asProcessor((FixedKeyProcessorSupplier<K, V, VOut>) processorSupplier), stateStoreNames);
        return new KStreamImpl<>(builder, name, keySerde, null, repartitionRequired);
    }
}
