package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Aggregator;
import io.sluice.streams.kstream.Initializer;
import io.sluice.streams.processor.api.ContextualProcessor;
import io.sluice.streams.processor.api.Processor;
import io.sluice.streams.processor.api.ProcessorContext;
import io.sluice.streams.processor.api.ProcessorSupplier;
import io.sluice.streams.processor.api.Record;
import io.sluice.streams.state.ValueAndTimestamp;

/**
 * Aggregates a grouped stream into a table store: each record folds into its key's aggregate (the initializer's
 * value for a new key) and the table's change is forwarded with the aggregate's timestamp, the latest of its
 * records'. count and reduce are aggregations too.
 */
record KStreamAggregateSupplier<K, V, VA>(String storeName, Initializer<VA> initializer,
                                          Aggregator<? super K, ? super V, VA> aggregator)
    implements ProcessorSupplier<K, V, K, Change<VA>> {
    @Override
    public Processor<K, V, K, Change<VA>> get() {
        return new ContextualProcessor<>() {
            private TableStoreForwarder<K, VA> table;

            @Override
            public void init(ProcessorContext<K, Change<VA>> context) {
                super.init(context);
                table = new TableStoreForwarder<>(context, storeName);
            }

            @Override
            public void process(Record<K, V> record) {
                if (record.key() == null) {
                    DroppedRecords.nullKey(context(), "an aggregation");
                    return;
                }
                ValueAndTimestamp<VA> current = table.get(record.key());
                VA updated = aggregator.apply(record.key(), record.value(),
                    current == null ? initializer.apply() : current.value());
                // An aggregate is as recent as the latest record in it, even if this one is out of order.
                long timestamp = current == null ? record.timestamp()
                    : Math.max(record.timestamp(), current.timestamp());
                table.put(record.key(), updated, timestamp);
            }
        };
    }
}
