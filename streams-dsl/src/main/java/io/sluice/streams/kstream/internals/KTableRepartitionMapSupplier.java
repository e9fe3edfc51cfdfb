package io.sluice.streams.kstream.internals;

import io.sluice.streams.KeyValue;
import io.sluice.streams.kstream.KeyValueMapper;
import io.sluice.streams.processor.api.ContextualProcessor;
import io.sluice.streams.processor.api.Processor;
import io.sluice.streams.processor.api.ProcessorContext;
import io.sluice.streams.processor.api.ProcessorSupplier;
import io.sluice.streams.processor.api.Record;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * The first half of {@code KTable.groupBy}: maps each table update to its groups and writes it to the repartition
 * topic as encoded {@link Change}s ({@link ChangeCodec}). The old value goes to its old group as a subtraction
 * {@code (null <- old)} before the new value goes to its new group as an addition {@code (new <- null)}; when both
 * fall in the same group, one record carries both, so that group's aggregate changes once (Kafka's KIP-904). A
 * deletion only subtracts. A new value mapped to a {@code null} group key cannot be grouped: it is dropped,
 * counted and logged (its later subtraction is skipped alike).
 *
 * <p>Threading: the task's thread.
 */
record KTableRepartitionMapSupplier<K, V, KR, VR>(
    String name, KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> selector,
    Serde<VR> valueSerde, String topic) implements ProcessorSupplier<K, Change<V>, KR, byte[]> {

    @Override
    public Processor<K, Change<V>, KR, byte[]> get() {
        return new ContextualProcessor<>() {
            private Serde<VR> serde;

            @Override
            public void init(ProcessorContext<KR, byte[]> context) {
                super.init(context);
                serde = ProcessorSerdes.valueSerde(context, valueSerde, name);
            }

            @Override
            public void process(Record<K, Change<V>> record) {
                KeyValue<? extends KR, ? extends VR> oldPair = map(record.key(), record.value().oldValue());
                KeyValue<? extends KR, ? extends VR> newPair = map(record.key(), record.value().newValue());
                if (newPair != null && newPair.key == null) {
                    DroppedRecords.nullKey(context(), "a table regrouping (" + name + ")");
                    newPair = null;
                }
                if (oldPair != null && oldPair.key == null) {
                    oldPair = null;
                }
                if (oldPair != null && newPair != null && Objects.equals(oldPair.key, newPair.key)) {
                    send(record, newPair.key, new Change<>(newPair.value, oldPair.value));
                    return;
                }
                if (oldPair != null) {
                    send(record, oldPair.key, new Change<>(null, oldPair.value));
                }
                if (newPair != null) {
                    send(record, newPair.key, new Change<>(newPair.value, null));
                }
            }

            private KeyValue<? extends KR, ? extends VR> map(K key, V value) {
                return value == null ? null : selector.apply(key, value);
            }

            private void send(Record<K, Change<V>> record, KR key, Change<VR> change) {
                context().forward(record.withKey(key).withValue(ChangeCodec.encode(serde, topic, change)));
            }
        };
    }
}
