package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.internals.ForeignKeyJoinMessages.Instruction;
import io.sluice.streams.kstream.internals.ForeignKeyJoinMessages.Response;
import io.sluice.streams.kstream.internals.ForeignKeyJoinMessages.Subscription;
import io.sluice.streams.processor.api.ContextualProcessor;
import io.sluice.streams.processor.api.Processor;
import io.sluice.streams.processor.api.ProcessorContext;
import io.sluice.streams.processor.api.ProcessorSupplier;
import io.sluice.streams.processor.api.Record;
import io.sluice.streams.state.TimestampedKeyValueStore;
import io.sluice.streams.state.ValueAndTimestamp;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/**
 * The right table's side of a foreign-key join, step 2: reads subscriptions (keyed by foreign key, so they arrive
 * in the partition holding that right key), keeps them in the subscription store keyed by (foreign key, left key)
 * with the left value's hash and timestamp, and answers with the right table's current value, keyed by left key,
 * to the response topic (partitioned like the left table). The answer's timestamp is the later of the left
 * value's and the right value's.
 *
 * <p>Threading: the task's thread.
 */
record ForeignKeySubscriptionReceiver<K, KO, VO>(
    String name, String storeName, KTableValueGetterSupplier<KO, VO> rightTable, Serde<K> leftKeySerde,
    Serde<KO> foreignKeySerde, Serde<VO> rightValueSerde, String topic)
    implements ProcessorSupplier<KO, byte[], K, byte[]> {

    @Override
    public Processor<KO, byte[], K, byte[]> get() {
        return new ContextualProcessor<>() {
            private TimestampedKeyValueStore<Bytes, byte[]> subscriptions;
            private KTableValueGetter<KO, VO> right;
            private Serde<K> leftKeys;
            private Serde<KO> foreignKeys;
            private Serde<VO> rightValues;

            @Override
            public void init(ProcessorContext<K, byte[]> context) {
                super.init(context);
                subscriptions = context.getStateStore(storeName);
                right = rightTable.get();
                right.init(context);
                leftKeys = ProcessorSerdes.keySerde(context, leftKeySerde, name);
                foreignKeys = ProcessorSerdes.keySerde(context, foreignKeySerde, name);
                rightValues = ProcessorSerdes.valueSerde(context, rightValueSerde, name);
            }

            @Override
            public void process(Record<KO, byte[]> record) {
                Subscription subscription = ForeignKeyJoinMessages.decodeSubscription(record.value());
                Bytes storeKey = ForeignKeyJoinMessages.storeKey(
                    foreignKeys.serializer().serialize(topic, record.key()), subscription.leftKey());
                if (subscription.instruction() == Instruction.UNSUBSCRIBE) {
                    subscriptions.delete(storeKey);
                    return;
                }
                subscriptions.put(storeKey, ValueAndTimestamp.make(subscription.hash(), record.timestamp()));
                ValueAndTimestamp<VO> rightValue = right.get(record.key());
                if (rightValue == null && subscription.instruction() == Instruction.SUBSCRIBE_ANSWER_IF_MATCHED) {
                    return;
                }
                byte[] rightBytes = rightValue == null ? null
                    : rightValues.serializer().serialize(topic, rightValue.value());
                long timestamp = rightValue == null ? record.timestamp()
                    : Math.max(record.timestamp(), rightValue.timestamp());
                K leftKey = leftKeys.deserializer().deserialize(topic, subscription.leftKey());
                context().forward(new Record<>(leftKey,
                    ForeignKeyJoinMessages.encode(new Response(subscription.hash(), rightBytes)), timestamp,
                    record.headers()));
            }
        };
    }
}
