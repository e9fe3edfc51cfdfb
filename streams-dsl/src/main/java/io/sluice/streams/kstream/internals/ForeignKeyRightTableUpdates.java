package io.sluice.streams.kstream.internals;

import io.sluice.streams.KeyValue;
import io.sluice.streams.kstream.internals.ForeignKeyJoinMessages.Response;
import io.sluice.streams.processor.api.ContextualProcessor;
import io.sluice.streams.processor.api.Processor;
import io.sluice.streams.processor.api.ProcessorContext;
import io.sluice.streams.processor.api.ProcessorSupplier;
import io.sluice.streams.processor.api.Record;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.TimestampedKeyValueStore;
import io.sluice.streams.state.ValueAndTimestamp;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/**
 * The right table's side of a foreign-key join, step 2 for right updates: sends each change of a right value (a
 * deletion too) to every left key subscribed to it, found by a prefix scan of the subscription store, as a
 * response carrying the subscription's hash. The response's timestamp is the later of the update's and the
 * subscription's.
 *
 * <p>Threading: the task's thread.
 */
record ForeignKeyRightTableUpdates<K, KO, VO>(String name, String storeName, Serde<K> leftKeySerde,
                                              Serde<KO> foreignKeySerde, Serde<VO> rightValueSerde, String topic)
    implements ProcessorSupplier<KO, Change<VO>, K, byte[]> {

    @Override
    public Processor<KO, Change<VO>, K, byte[]> get() {
        return new ContextualProcessor<>() {
            private final BytesSerializer prefixSerializer = new BytesSerializer();
            private TimestampedKeyValueStore<Bytes, byte[]> subscriptions;
            private Serde<K> leftKeys;
            private Serde<KO> foreignKeys;
            private Serde<VO> rightValues;

            @Override
            public void init(ProcessorContext<K, byte[]> context) {
                super.init(context);
                subscriptions = context.getStateStore(storeName);
                leftKeys = ProcessorSerdes.keySerde(context, leftKeySerde, name);
                foreignKeys = ProcessorSerdes.keySerde(context, foreignKeySerde, name);
                rightValues = ProcessorSerdes.valueSerde(context, rightValueSerde, name);
            }

            @Override
            public void process(Record<KO, Change<VO>> record) {
                VO newValue = record.value().newValue();
                byte[] rightBytes = newValue == null ? null : rightValues.serializer().serialize(topic, newValue);
                Bytes prefix = ForeignKeyJoinMessages.storeKeyPrefix(
                    foreignKeys.serializer().serialize(topic, record.key()));
                try (KeyValueIterator<Bytes, ValueAndTimestamp<byte[]>> subscribers =
                         subscriptions.prefixScan(prefix, prefixSerializer)) {
                    while (subscribers.hasNext()) {
                        KeyValue<Bytes, ValueAndTimestamp<byte[]>> subscriber = subscribers.next();
                        K leftKey = leftKeys.deserializer().deserialize(topic,
                            ForeignKeyJoinMessages.leftKeyOf(subscriber.key));
                        context().forward(new Record<>(leftKey,
                            ForeignKeyJoinMessages.encode(new Response(subscriber.value.value(), rightBytes)),
                            Math.max(record.timestamp(), subscriber.value.timestamp()), record.headers()));
                    }
                }
            }
        };
    }
}
