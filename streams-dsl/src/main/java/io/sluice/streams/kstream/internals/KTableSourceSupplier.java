package io.sluice.streams.kstream.internals;

import io.sluice.streams.processor.api.ContextualProcessor;
import io.sluice.streams.processor.api.Processor;
import io.sluice.streams.processor.api.ProcessorSupplier;
import io.sluice.streams.processor.api.Record;

/**
 * Materializes a changelog stream into a table store and forwards each key's change. A {@code null} key cannot be
 * stored: such records are dropped, counted and logged.
 */
record KTableSourceSupplier<K, V>(String storeName) implements ProcessorSupplier<K, V, K, Change<V>> {
    @Override
    public Processor<K, V, K, Change<V>> get() {
        return new ContextualProcessor<>() {
            private TableStoreForwarder<K, V> table;

            @Override
            public void init(io.sluice.streams.processor.api.ProcessorContext<K, Change<V>> context) {
                super.init(context);
                table = new TableStoreForwarder<>(context, storeName);
            }

            @Override
            public void process(Record<K, V> record) {
                if (record.key() == null) {
                    DroppedRecords.nullKey(context(), "a table");
                    return;
                }
                table.put(record.key(), record.value(), record.timestamp());
            }
        };
    }
}
