package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.ValueJoiner;
import io.sluice.streams.processor.api.ContextualProcessor;
import io.sluice.streams.processor.api.Processor;
import io.sluice.streams.processor.api.ProcessorContext;
import io.sluice.streams.processor.api.ProcessorSupplier;
import io.sluice.streams.processor.api.Record;
import io.sluice.streams.state.ValueAndTimestamp;

/**
 * Joins each stream record with the table's current value for its key (the table side never triggers output).
 * Inner join: no table value, no output; left join: the joiner gets {@code null}. A {@code null} key, or for the
 * inner join a {@code null} value, cannot join and is dropped, counted and logged, as in Kafka Streams.
 */
record KStreamKTableJoin<K, V, VT, VR>(KTableValueGetterSupplier<K, VT> table,
                                       ValueJoiner<? super V, ? super VT, ? extends VR> joiner, boolean leftJoin)
    implements ProcessorSupplier<K, V, K, VR> {
    @Override
    public Processor<K, V, K, VR> get() {
        return new ContextualProcessor<>() {
            private KTableValueGetter<K, VT> getter;

            @Override
            public void init(ProcessorContext<K, VR> context) {
                super.init(context);
                getter = table.get();
                getter.init(context);
            }

            @Override
            public void process(Record<K, V> record) {
                if (record.key() == null || record.value() == null && !leftJoin) {
                    DroppedRecords.nullKey(context(), "a stream-table join");
                    return;
                }
                VT tableValue = ValueAndTimestamp.getValueOrNull(getter.get(record.key()));
                if (tableValue == null && !leftJoin) {
                    return;
                }
                context().forward(record.withValue(joiner.apply(record.value(), tableValue)));
            }
        };
    }
}
