package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.ValueJoiner;
import io.sluice.streams.kstream.internals.ForeignKeyJoinMessages.Response;
import io.sluice.streams.processor.api.ContextualProcessor;
import io.sluice.streams.processor.api.Processor;
import io.sluice.streams.processor.api.ProcessorContext;
import io.sluice.streams.processor.api.ProcessorSupplier;
import io.sluice.streams.processor.api.Record;
import io.sluice.streams.state.ValueAndTimestamp;
import org.apache.kafka.common.serialization.Serde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The left table's side of a foreign-key join, step 3: reads responses (keyed by left key) and joins the right
 * value they carry with the left key's current value, unless the response answers an outdated subscription (its
 * hash is not the hash of the current value: the value changed or was deleted since, and a newer response is on
 * its way). Inner join: no right value, no result (a deletion); left join: {@code joiner(left, null)}.
 *
 * <p>Threading: the task's thread.
 */
record ForeignKeyResponseResolver<K, V, VO, VR>(
    String name, KTableValueGetterSupplier<K, V> leftTable, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
    boolean leftJoin, Serde<V> leftValueSerde, Serde<VO> rightValueSerde, String topic)
    implements ProcessorSupplier<K, byte[], K, Change<VR>> {
    private static final Logger LOG = LoggerFactory.getLogger(ForeignKeyResponseResolver.class);

    @Override
    public Processor<K, byte[], K, Change<VR>> get() {
        return new ContextualProcessor<>() {
            private KTableValueGetter<K, V> left;
            private Serde<V> leftValues;
            private Serde<VO> rightValues;

            @Override
            public void init(ProcessorContext<K, Change<VR>> context) {
                super.init(context);
                left = leftTable.get();
                left.init(context);
                leftValues = ProcessorSerdes.valueSerde(context, leftValueSerde, name);
                rightValues = ProcessorSerdes.valueSerde(context, rightValueSerde, name);
            }

            @Override
            public void process(Record<K, byte[]> record) {
                Response response = ForeignKeyJoinMessages.decodeResponse(record.value());
                V leftValue = ValueAndTimestamp.getValueOrNull(left.get(record.key()));
                byte[] currentHash = leftValue == null ? null
                    : ForeignKeyJoinMessages.hash(leftValues.serializer().serialize(topic, leftValue));
                if (!ForeignKeyJoinMessages.sameHash(currentHash, response.hash())) {
                    // Not a drop: the record this answers was superseded, and the answer to its successor decides.
                    LOG.trace("{}: ignoring an outdated response for key {}", name, record.key());
                    return;
                }
                VO rightValue = response.rightValue() == null ? null
                    : rightValues.deserializer().deserialize(topic, response.rightValue());
                VR result = leftValue == null || rightValue == null && !leftJoin ? null
                    : joiner.apply(leftValue, rightValue);
                context().forward(record.withValue(new Change<>(result, null)));
            }
        };
    }
}
