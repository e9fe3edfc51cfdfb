package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Consumed;
import io.sluice.streams.kstream.GlobalKTable;
import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.processor.api.ProcessorSupplier;
import io.sluice.streams.state.KeyValueStore;
import io.sluice.streams.state.StoreBuilder;
import io.sluice.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/**
 * Adds a global table to the topology: a global store (named as given, else {@code <topic>-STATE-STORE-<index>})
 * fed by its own source ({@code KSTREAM-SOURCE-}, or {@code <name>-source} with {@code Consumed.as(name)}) and
 * table-source processor ({@code KTABLE-SOURCE-}, or {@code <name>}), names taken in Kafka Streams' order. The
 * store never has a changelog: its topic is read from the start instead. Deserializers and store serdes fall back
 * on each other ({@code Consumed} first for reading, {@code Materialized} first for storing), then on the
 * application's defaults.
 *
 * <p>Threading: the thread building the topology.
 */
public final class GlobalTableBuilder {
    private GlobalTableBuilder() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // a table source forwards nothing when nothing is downstream
    public static <K, V> GlobalKTable<K, V> globalTable(InternalStreamsBuilder builder, String topic,
                                                        Consumed<K, V> consumed,
                                                        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        Serde<K> keySerde = consumed.keySerde() != null ? consumed.keySerde()
            : materialized == null ? null : materialized.keySerdeOrNull();
        Serde<V> valueSerde = consumed.valueSerde() != null ? consumed.valueSerde()
            : materialized == null ? null : materialized.valueSerdeOrNull();
        StoreBuilder<TimestampedKeyValueStore<K, V>> store =
            KeyValueMaterializer.storeBuilder(builder, materialized, topic + "-", keySerde, valueSerde);
        store.withLoggingDisabled();
        String sourceName = builder.name(consumed.name() == null ? null : consumed.name() + "-source",
            "KSTREAM-SOURCE-");
        String processorName = builder.name(consumed.name(), "KTABLE-SOURCE-");
        ProcessorSupplier<K, V, Void, Void> updater = (ProcessorSupplier) new KTableSourceSupplier<K, V>(store.name());
        builder.topology().addGlobalStore(store, sourceName, consumed.timestampExtractor(),
            KStreamImpl.deserializer(keySerde), KStreamImpl.deserializer(valueSerde), topic, processorName, updater);
        boolean named = materialized != null && materialized.storeName() != null;
        return new GlobalKTableImpl<>(new StoreValueGetterSupplier<>(store.name()), named ? store.name() : null);
    }
}
