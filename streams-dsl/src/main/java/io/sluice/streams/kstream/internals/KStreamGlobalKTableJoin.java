package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.KeyValueMapper;
import io.sluice.streams.kstream.ValueJoinerWithKey;
import io.sluice.streams.processor.api.ContextualProcessor;
import io.sluice.streams.processor.api.Processor;
import io.sluice.streams.processor.api.ProcessorContext;
import io.sluice.streams.processor.api.ProcessorSupplier;
import io.sluice.streams.processor.api.Record;
import io.sluice.streams.state.ValueAndTimestamp;

/**
 * Joins each stream record with a global table's current value for the key {@code keySelector} derives from the
 * record; table updates never trigger output, and the stream's key is kept. Inner join: no table value, no output.
 * Left join: the joiner gets {@code null} for a missing value.
 *
 * <p>As in Kafka Streams (since KIP-962): a record with a {@code null} value cannot join and is dropped; so is one
 * whose derived key is {@code null}, except in a left join when the record's own key is {@code null} too, which
 * joins with {@code null}. A {@code null} record key is otherwise no obstacle: the derived key decides. Drops are
 * counted and logged.
 *
 * <p>Threading: the task's thread; the global store it reads is updated by the global thread between records.
 */
record KStreamGlobalKTableJoin<K, V, KG, VG, VR>(
        KTableValueGetterSupplier<KG, VG> table, KeyValueMapper<? super K, ? super V, ? extends KG> keySelector,
        ValueJoinerWithKey<? super K, ? super V, ? super VG, ? extends VR> joiner, boolean leftJoin)
    implements ProcessorSupplier<K, V, K, VR> {
    @Override
    public Processor<K, V, K, VR> get() {
        return new ContextualProcessor<>() {
            private KTableValueGetter<KG, VG> getter;

            @Override
            public void init(ProcessorContext<K, VR> context) {
                super.init(context);
                getter = table.get();
                getter.init(context);
            }

            @Override
            public void process(Record<K, V> record) {
                if (record.value() == null) {
                    DroppedRecords.nullKeyOrValue(context(), "a stream-globalTable join", false);
                    return;
                }
                KG tableKey = keySelector.apply(record.key(), record.value());
                if (tableKey == null && !(leftJoin && record.key() == null)) {
                    DroppedRecords.nullKey(context(), "a stream-globalTable join (the key selector returned null)");
                    return;
                }
                VG tableValue = tableKey == null ? null : ValueAndTimestamp.getValueOrNull(getter.get(tableKey));
                if (tableValue == null && !leftJoin) {
                    return;
                }
                context().forward(record.withValue(joiner.apply(record.key(), record.value(), tableValue)));
            }
        };
    }
}
