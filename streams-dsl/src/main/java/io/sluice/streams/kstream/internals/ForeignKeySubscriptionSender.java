package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.ValueJoiner;
import io.sluice.streams.kstream.internals.ForeignKeyJoinMessages.Instruction;
import io.sluice.streams.kstream.internals.ForeignKeyJoinMessages.Subscription;
import io.sluice.streams.processor.api.ContextualProcessor;
import io.sluice.streams.processor.api.Processor;
import io.sluice.streams.processor.api.ProcessorContext;
import io.sluice.streams.processor.api.ProcessorSupplier;
import io.sluice.streams.processor.api.Record;
import java.util.Arrays;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.Serde;

/**
 * The left table's side of a foreign-key join, step 1: turns each change of a left value into subscriptions sent,
 * keyed by foreign key, to the subscription topic (which is partitioned like the right table):
 * <ul>
 *   <li>a value whose foreign key changed (or that was deleted) unsubscribes from its old foreign key;</li>
 *   <li>a value with a foreign key subscribes to it with the hash of the value, asking for an answer even without
 *       a match when a result may have to be replaced (left join; inner join whose foreign key changed), else
 *       only on a match.</li>
 * </ul>
 * Results that need no right value are decided here and sent straight to the result node: a deleted left value
 * deletes its result; a value without a foreign key joins with nothing ({@code joiner(value, null)} for a left
 * join, a deletion for an inner join). Foreign keys are compared by their serialized bytes, which is what
 * partitions them.
 *
 * <p>Threading: the task's thread.
 */
record ForeignKeySubscriptionSender<K, V, KO, VO, VR>(
    String name, BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
    ValueJoiner<? super V, ? super VO, ? extends VR> joiner, boolean leftJoin, Serde<K> leftKeySerde,
    Serde<V> leftValueSerde, Serde<KO> foreignKeySerde, String topic, String subscriptionSink, String resultNode)
    implements ProcessorSupplier<K, Change<V>, Object, Object> {

    @Override
    public Processor<K, Change<V>, Object, Object> get() {
        return new ContextualProcessor<>() {
            private Serde<K> keys;
            private Serde<V> values;
            private Serde<KO> foreignKeys;

            @Override
            public void init(ProcessorContext<Object, Object> context) {
                super.init(context);
                keys = ProcessorSerdes.keySerde(context, leftKeySerde, name);
                values = ProcessorSerdes.valueSerde(context, leftValueSerde, name);
                foreignKeys = ProcessorSerdes.keySerde(context, foreignKeySerde, name);
            }

            @Override
            public void process(Record<K, Change<V>> record) {
                V newValue = record.value().newValue();
                V oldValue = record.value().oldValue();
                KO newForeignKey = newValue == null ? null : foreignKeyExtractor.apply(record.key(), newValue);
                KO oldForeignKey = oldValue == null ? null : foreignKeyExtractor.apply(record.key(), oldValue);
                byte[] newForeignKeyBytes = serialize(newForeignKey);
                byte[] oldForeignKeyBytes = serialize(oldForeignKey);
                boolean foreignKeyChanged = oldForeignKeyBytes != null
                    && !Arrays.equals(oldForeignKeyBytes, newForeignKeyBytes);
                byte[] leftKey = keys.serializer().serialize(topic, record.key());
                if (foreignKeyChanged) {
                    subscribe(record, oldForeignKey, new Subscription(Instruction.UNSUBSCRIBE, null, leftKey));
                }
                if (newValue == null) {
                    result(record, null);
                } else if (newForeignKey == null) {
                    result(record, leftJoin ? joiner.apply(newValue, null) : null);
                } else {
                    byte[] hash = ForeignKeyJoinMessages.hash(values.serializer().serialize(topic, newValue));
                    Instruction instruction = leftJoin || foreignKeyChanged
                        ? Instruction.SUBSCRIBE_ALWAYS_ANSWER : Instruction.SUBSCRIBE_ANSWER_IF_MATCHED;
                    subscribe(record, newForeignKey, new Subscription(instruction, hash, leftKey));
                }
            }

            private byte[] serialize(KO foreignKey) {
                return foreignKey == null ? null : foreignKeys.serializer().serialize(topic, foreignKey);
            }

            private void subscribe(Record<K, Change<V>> record, KO foreignKey, Subscription subscription) {
                context().forward(record.<Object>withKey(foreignKey)
                    .<Object>withValue(ForeignKeyJoinMessages.encode(subscription)), subscriptionSink);
            }

            private void result(Record<K, Change<V>> record, VR result) {
                context().forward(record.<Object>withKey(record.key())
                    .<Object>withValue(new Change<VR>(result, null)), resultNode);
            }
        };
    }
}
