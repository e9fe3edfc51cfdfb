package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.ValueJoiner;
import io.sluice.streams.processor.api.ProcessingContext;
import io.sluice.streams.state.ValueAndTimestamp;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * The value getter of an unmaterialized primary-key join result: joins both sides' current values when the join
 * kind has a result for them, stamped with the later of their timestamps.
 */
record KTableKTableJoinValueGetterSupplier<K, V, VO, VR>(
    KTableValueGetterSupplier<K, V> left, KTableValueGetterSupplier<K, VO> right,
    ValueJoiner<? super V, ? super VO, ? extends VR> joiner, TableJoinKind kind)
    implements KTableValueGetterSupplier<K, VR> {

    @Override
    public KTableValueGetter<K, VR> get() {
        KTableValueGetter<K, V> leftGetter = left.get();
        KTableValueGetter<K, VO> rightGetter = right.get();
        return new KTableValueGetter<>() {
            @Override
            public void init(ProcessingContext context) {
                leftGetter.init(context);
                rightGetter.init(context);
            }

            @Override
            public ValueAndTimestamp<VR> get(K key) {
                ValueAndTimestamp<V> leftValue = leftGetter.get(key);
                ValueAndTimestamp<VO> rightValue = rightGetter.get(key);
                V l = ValueAndTimestamp.getValueOrNull(leftValue);
                VO r = ValueAndTimestamp.getValueOrNull(rightValue);
                if (!kind.joins(l, r)) {
                    return null;
                }
                long timestamp = Math.max(leftValue == null ? Long.MIN_VALUE : leftValue.timestamp(),
                    rightValue == null ? Long.MIN_VALUE : rightValue.timestamp());
                return ValueAndTimestamp.make(joiner.apply(l, r), timestamp);
            }
        };
    }

    @Override
    public String[] storeNames() {
        return Stream.concat(Arrays.stream(left.storeNames()), Arrays.stream(right.storeNames())).distinct()
            .toArray(String[]::new);
    }
}
