package io.sluice.streams.kstream.internals;

import io.sluice.streams.KeyValue;
import io.sluice.streams.kstream.Grouped;
import io.sluice.streams.kstream.KGroupedTable;
import io.sluice.streams.kstream.KStream;
import io.sluice.streams.kstream.KTable;
import io.sluice.streams.kstream.KeyValueMapper;
import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.kstream.Named;
import io.sluice.streams.kstream.Predicate;
import io.sluice.streams.kstream.Suppressed;
import io.sluice.streams.kstream.TableJoined;
import io.sluice.streams.kstream.ValueJoiner;
import io.sluice.streams.kstream.ValueMapper;
import io.sluice.streams.kstream.ValueMapperWithKey;
import io.sluice.streams.processor.api.ContextualProcessor;
import io.sluice.streams.processor.api.ProcessingContext;
import io.sluice.streams.processor.api.Record;
import io.sluice.streams.state.KeyValueStore;
import io.sluice.streams.state.StoreBuilder;
import io.sluice.streams.state.TimestampedKeyValueStore;
import io.sluice.streams.state.ValueAndTimestamp;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/**
 * A table as a node of the topology under construction. Its node forwards {@link Change}s; its value getter
 * reads the table's current value, from its store when materialized, else by applying this table's operator to
 * its parent's value.
 *
 * <p>Threading: the thread building the topology.
 */
public class KTableImpl<K, V> implements KTable<K, V> {
    final InternalStreamsBuilder builder;
    final String nodeName;
    final Serde<K> keySerde;
    final Serde<V> valueSerde;
    private final String storeName;
    private final KTableValueGetterSupplier<K, V> valueGetterSupplier;

    KTableImpl(InternalStreamsBuilder builder, String nodeName, Serde<K> keySerde, Serde<V> valueSerde,
               String storeName, KTableValueGetterSupplier<K, V> valueGetterSupplier) {
        this.builder = builder;
        this.nodeName = nodeName;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.storeName = storeName;
        this.valueGetterSupplier = valueGetterSupplier;
    }

    KTableValueGetterSupplier<K, V> valueGetterSupplier() {
        return valueGetterSupplier;
    }

    @Override
    public String queryableStoreName() {
        return storeName;
    }

    @Override
    public KTable<K, V> filter(Predicate<? super K, ? super V> predicate) {
        return filter(predicate, null);
    }

    @Override
    public KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Named named) {
        return mapChange("KTABLE-FILTER-", named, valueSerde,
            (key, value) -> value != null && predicate.test(key, value) ? value : null);
    }

    @Override
    public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate) {
        return filterNot(predicate, null);
    }

    @Override
    public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named) {
        return mapChange("KTABLE-FILTER-", named, valueSerde,
            (key, value) -> value != null && !predicate.test(key, value) ? value : null);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper) {
        return mapValues(mapper, null);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named) {
        return mapValues((ValueMapperWithKey<K, V, VR>) (key, value) -> mapper.apply(value), named);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper) {
        return mapValues(mapper, null);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named) {
        return mapChange("KTABLE-MAPVALUES-", named, null,
            (key, value) -> value == null ? null : mapper.apply(key, value));
    }

    /**
     * A table whose value is {@code function(key, parentValue)} ({@code null} meaning absent): applied to both sides
     * of each change, an unchanged absence is not forwarded.
     */
    private <VR> KTable<K, VR> mapChange(String prefix, Named named, Serde<VR> newValueSerde,
                                         BiFunction<K, V, VR> function) {
        String name = builder.name(KStreamImpl.nameOf(named), prefix);
        builder.topology().addProcessor(name, () -> new ContextualProcessor<K, Change<V>, K, Change<VR>>() {
            @Override
            public void process(Record<K, Change<V>> record) {
                VR newValue = function.apply(record.key(), record.value().newValue());
                VR oldValue = function.apply(record.key(), record.value().oldValue());
                if (newValue != null || oldValue != null) {
                    context().forward(record.withValue(new Change<>(newValue, oldValue)));
                }
            }
        }, nodeName);
        KTableValueGetterSupplier<K, V> parent = valueGetterSupplier;
        return new KTableImpl<>(builder, name, keySerde, newValueSerde, null, new KTableValueGetterSupplier<>() {
            @Override
            public KTableValueGetter<K, VR> get() {
                KTableValueGetter<K, V> parentGetter = parent.get();
                return new KTableValueGetter<>() {
                    @Override
                    public void init(ProcessingContext context) {
                        parentGetter.init(context);
                    }

                    @Override
                    public ValueAndTimestamp<VR> get(K key) {
                        ValueAndTimestamp<V> parentValue = parentGetter.get(key);
                        return parentValue == null ? null
                            : ValueAndTimestamp.make(function.apply(key, parentValue.value()), parentValue.timestamp());
                    }
                };
            }

            @Override
            public String[] storeNames() {
                return parent.storeNames();
            }
        });
    }

    @Override
    public KStream<K, V> toStream() {
        return toStream((Named) null);
    }

    @Override
    public KStream<K, V> toStream(Named named) {
        String name = builder.name(KStreamImpl.nameOf(named), "KTABLE-TOSTREAM-");
        builder.topology().addProcessor(name, () -> new ContextualProcessor<K, Change<V>, K, V>() {
            @Override
            public void process(Record<K, Change<V>> record) {
                context().forward(record.withValue(record.value().newValue()));
            }
        }, nodeName);
        return new KStreamImpl<>(builder, name, keySerde, valueSerde, false);
    }

    @Override
    public <KR> KStream<KR, V> toStream(KeyValueMapper<? super K, ? super V, ? extends KR> mapper) {
        return toStream(mapper, null);
    }

    @Override
    public <KR> KStream<KR, V> toStream(KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named) {
        return toStream(named).selectKey(mapper);
    }

    @Override
    public KTable<K, V> suppress(Suppressed<? super K> suppressed) {
        return KTableSuppression.suppress(this, suppressed);
    }

    // ---- regrouping

    @Override
    public <KR, VR> KGroupedTable<KR, VR> groupBy(
            KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> selector) {
        return groupBy(selector, Grouped.with(null, null));
    }

    @Override
    public <KR, VR> KGroupedTable<KR, VR> groupBy(
            KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> selector,
            Grouped<KR, VR> grouped) {
        return new KGroupedTableImpl<>(this, Objects.requireNonNull(selector, "selector"), grouped.name(),
            grouped.keySerdeOrNull(), grouped.valueSerdeOrNull());
    }

    // ---- primary-key joins

    @Override
    public <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return join(other, joiner, null, null);
    }

    @Override
    public <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                       Named named) {
        return join(other, joiner, named, null);
    }

    @Override
    public <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                       Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return join(other, joiner, null, materialized);
    }

    @Override
    public <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                       Named named, Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return primaryKeyJoin(other, joiner, named, materialized, TableJoinKind.INNER);
    }

    @Override
    public <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other,
                                           ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return leftJoin(other, joiner, null, null);
    }

    @Override
    public <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                           Named named) {
        return leftJoin(other, joiner, named, null);
    }

    @Override
    public <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                           Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return leftJoin(other, joiner, null, materialized);
    }

    @Override
    public <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                           Named named,
                                           Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return primaryKeyJoin(other, joiner, named, materialized, TableJoinKind.LEFT);
    }

    @Override
    public <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other,
                                            ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return outerJoin(other, joiner, null, null);
    }

    @Override
    public <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other,
                                            ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named) {
        return outerJoin(other, joiner, named, null);
    }

    @Override
    public <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other,
                                            ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                            Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return outerJoin(other, joiner, null, materialized);
    }

    @Override
    public <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other,
                                            ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named,
                                            Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return primaryKeyJoin(other, joiner, named, materialized, TableJoinKind.OUTER);
    }

    /**
     * Adds the two join sides (each joins its table's changes with the other table's value getter) and the merge
     * node both feed, which materializes the result when asked.
     */
    private <VO, VR> KTable<K, VR> primaryKeyJoin(KTable<K, VO> other,
                                                  ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named,
                                                  Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized, 
                                                  TableJoinKind kind) {
        Objects.requireNonNull(joiner, "joiner");
        KTableImpl<K, VO> right = (KTableImpl<K, VO>) Objects.requireNonNull(other, "other");
        String given = KStreamImpl.nameOf(named);
        String thisName = given != null ? given + "-join-this" : builder.newName(kind.thisPrefix);
        String otherName = given != null ? given + "-join-other" : builder.newName(kind.otherPrefix);
        String mergeName = builder.name(given, "KTABLE-MERGE-");
        StoreBuilder<TimestampedKeyValueStore<K, VR>> store = materialized == null ? null
            : KeyValueMaterializer.storeBuilder(builder, materialized, "KTABLE-MERGE-", keySerde, null);
        builder.topology().addProcessor(thisName, new KTableKTableJoinSide<K, V, VO, VR>(right.valueGetterSupplier(),
            joiner::apply, kind, true), nodeName);
        builder.topology().connectProcessorAndStateStores(thisName, right.valueGetterSupplier().storeNames());
        builder.topology().addProcessor(otherName, new KTableKTableJoinSide<K, VO, V, VR>(valueGetterSupplier,
            (otherValue, thisValue) -> joiner.apply(thisValue, otherValue), kind, false), right.nodeName);
        builder.topology().connectProcessorAndStateStores(otherName, valueGetterSupplier.storeNames());
        builder.topology().addProcessor(mergeName,
            new KTableKTableJoinMerger<K, VR>(store == null ? null : store.name()), thisName, otherName);
        if (store == null) {
            return new KTableImpl<>(builder, mergeName, keySerde, null, null,
                new KTableKTableJoinValueGetterSupplier<>(valueGetterSupplier, right.valueGetterSupplier(), joiner,
                    kind));
        }
        builder.topology().addStateStore(store, false, mergeName);
        return new KTableImpl<>(builder, mergeName, keySerde, materialized.valueSerdeOrNull(), store.name(),
            new StoreValueGetterSupplier<>(store.name()));
    }

    // ---- foreign-key joins

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                           ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return join(other, foreignKeyExtractor, joiner, TableJoined.as(null), null);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
                                           BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                           ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return join(other, foreignKeyExtractor, joiner, TableJoined.as(null), null);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                           ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                           TableJoined<K, KO> tableJoined) {
        return join(other, foreignKeyExtractor, joiner, tableJoined, null);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
                                           BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                           ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                           TableJoined<K, KO> tableJoined) {
        return join(other, foreignKeyExtractor, joiner, tableJoined, null);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                           ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                           Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return join(other, foreignKeyExtractor, joiner, TableJoined.as(null), materialized);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
                                           BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                           ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                           Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return join(other, foreignKeyExtractor, joiner, TableJoined.as(null), materialized);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                           ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                           TableJoined<K, KO> tableJoined,
                                           Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(foreignKeyExtractor, "foreignKeyExtractor");
        return join(other, (key, value) -> foreignKeyExtractor.apply(value), joiner, tableJoined, materialized);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
                                           BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                           ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                           TableJoined<K, KO> tableJoined,
                                           Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return new ForeignKeyJoinBuilder<>(this, (KTableImpl<KO, VO>) other, tableJoined, materialized)
            .build(Objects.requireNonNull(foreignKeyExtractor, "foreignKeyExtractor"), joiner, false);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
                                               Function<? super V, ? extends KO> foreignKeyExtractor,
                                               ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return leftJoin(other, foreignKeyExtractor, joiner, TableJoined.as(null), null);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
                                               BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                               ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return leftJoin(other, foreignKeyExtractor, joiner, TableJoined.as(null), null);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
                                               Function<? super V, ? extends KO> foreignKeyExtractor,
                                               ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                               TableJoined<K, KO> tableJoined) {
        return leftJoin(other, foreignKeyExtractor, joiner, tableJoined, null);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
                                               BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                               ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                               TableJoined<K, KO> tableJoined) {
        return leftJoin(other, foreignKeyExtractor, joiner, tableJoined, null);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
                                               Function<? super V, ? extends KO> foreignKeyExtractor,
                                               ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                               Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return leftJoin(other, foreignKeyExtractor, joiner, TableJoined.as(null), materialized);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
                                               BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                               ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                               Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return leftJoin(other, foreignKeyExtractor, joiner, TableJoined.as(null), materialized);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
                                               Function<? super V, ? extends KO> foreignKeyExtractor,
                                               ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                               TableJoined<K, KO> tableJoined,
                                               Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(foreignKeyExtractor, "foreignKeyExtractor");
        return leftJoin(other, (key, value) -> foreignKeyExtractor.apply(value), joiner, tableJoined, materialized);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
                                               BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                               ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                               TableJoined<K, KO> tableJoined,
                                               Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return new ForeignKeyJoinBuilder<>(this, (KTableImpl<KO, VO>) other, tableJoined, materialized)
            .build(Objects.requireNonNull(foreignKeyExtractor, "foreignKeyExtractor"), joiner, true);
    }
}
