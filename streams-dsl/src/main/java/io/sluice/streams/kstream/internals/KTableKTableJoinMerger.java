package io.sluice.streams.kstream.internals;

import io.sluice.streams.processor.api.ContextualProcessor;
import io.sluice.streams.processor.api.Processor;
import io.sluice.streams.processor.api.ProcessorContext;
import io.sluice.streams.processor.api.ProcessorSupplier;
import io.sluice.streams.processor.api.Record;

/**
 * The node a table join's result flows out of, fed by both join sides (and, for a foreign-key join, by the
 * response resolver): when the result is materialized it stores each new result with its timestamp and forwards
 * the change through the store ({@link TableStoreForwarder}), else it forwards the changes as they come.
 *
 * <p>Threading: the task's thread.
 */
record KTableKTableJoinMerger<K, V>(String storeName) implements ProcessorSupplier<K, Change<V>, K, Change<V>> {
    @Override
    public Processor<K, Change<V>, K, Change<V>> get() {
        return new ContextualProcessor<>() {
            private TableStoreForwarder<K, V> table;

            @Override
            public void init(ProcessorContext<K, Change<V>> context) {
                super.init(context);
                table = storeName == null ? null : new TableStoreForwarder<>(context, storeName);
            }

            @Override
            public void process(Record<K, Change<V>> record) {
                if (table == null) {
                    context().forward(record);
                } else {
                    table.put(record.key(), record.value().newValue(), record.timestamp());
                }
            }
        };
    }
}
