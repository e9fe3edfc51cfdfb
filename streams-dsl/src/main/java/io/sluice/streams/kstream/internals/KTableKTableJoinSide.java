package io.sluice.streams.kstream.internals;

import io.sluice.streams.processor.api.ContextualProcessor;
import io.sluice.streams.processor.api.Processor;
import io.sluice.streams.processor.api.ProcessorContext;
import io.sluice.streams.processor.api.ProcessorSupplier;
import io.sluice.streams.processor.api.Record;
import io.sluice.streams.state.ValueAndTimestamp;
import java.util.function.BiFunction;

/**
 * One side of a primary-key table join: joins each change of this side's table with the other side's current
 * value and forwards the result's change, stamped with the later of the two values' timestamps (the change's when
 * the other side is absent). The new and old results are computed from this side's new and old values with the
 * same other value, so a result lost (a side deleted, or filtered away) is forwarded as {@code (null <- old)}, a
 * deletion. Nothing is forwarded when the other side is required but absent, as neither result can exist.
 *
 * <p>Threading: the task's thread.
 *
 * @param <K>  key type
 * @param <VT> this side's value type
 * @param <VO> the other side's value type
 * @param <VR> result type
 * @param joiner the user's joiner with its arguments in this side's order (swapped for the right side)
 */
record KTableKTableJoinSide<K, VT, VO, VR>(KTableValueGetterSupplier<K, VO> other,
                                           BiFunction<VT, VO, VR> joiner, TableJoinKind kind, boolean thisIsLeft)
    implements ProcessorSupplier<K, Change<VT>, K, Change<VR>> {

    @Override
    public Processor<K, Change<VT>, K, Change<VR>> get() {
        return new ContextualProcessor<>() {
            private KTableValueGetter<K, VO> getter;

            @Override
            public void init(ProcessorContext<K, Change<VR>> context) {
                super.init(context);
                getter = other.get();
                getter.init(context);
            }

            @Override
            public void process(Record<K, Change<VT>> record) {
                ValueAndTimestamp<VO> otherValue = getter.get(record.key());
                VO value = ValueAndTimestamp.getValueOrNull(otherValue);
                if (value == null && (thisIsLeft ? kind.rightRequired : kind.leftRequired)) {
                    return;
                }
                VR newResult = join(record.value().newValue(), value);
                VR oldResult = join(record.value().oldValue(), value);
                if (newResult == null && oldResult == null) {
                    return;
                }
                long timestamp = otherValue == null ? record.timestamp()
                    : Math.max(record.timestamp(), otherValue.timestamp());
                context().forward(record.withValue(new Change<>(newResult, oldResult)).withTimestamp(timestamp));
            }

            private VR join(VT thisValue, VO otherValue) {
                boolean joins = thisIsLeft ? kind.joins(thisValue, otherValue) : kind.joins(otherValue, thisValue);
                return joins ? joiner.apply(thisValue, otherValue) : null;
            }
        };
    }
}
