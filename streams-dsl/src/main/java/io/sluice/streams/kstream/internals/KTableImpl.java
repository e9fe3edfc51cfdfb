package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.KStream;
import io.sluice.streams.kstream.KTable;
import io.sluice.streams.kstream.KeyValueMapper;
import io.sluice.streams.kstream.Named;
import io.sluice.streams.kstream.Predicate;
import io.sluice.streams.kstream.ValueMapper;
import io.sluice.streams.kstream.ValueMapperWithKey;
import io.sluice.streams.processor.api.ContextualProcessor;
import io.sluice.streams.processor.api.ProcessingContext;
import io.sluice.streams.processor.api.Record;
import io.sluice.streams.state.ValueAndTimestamp;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.Serde;

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
}
