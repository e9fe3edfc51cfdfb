package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Aggregator;
import io.sluice.streams.kstream.Initializer;
import io.sluice.streams.processor.api.ContextualProcessor;
import io.sluice.streams.processor.api.Processor;
import io.sluice.streams.processor.api.ProcessorContext;
import io.sluice.streams.processor.api.ProcessorSupplier;
import io.sluice.streams.processor.api.Record;
import io.sluice.streams.state.ValueAndTimestamp;
import org.apache.kafka.common.serialization.Serde;

/**
 * The second half of {@code KTable.groupBy}: reads the encoded {@link Change}s from the repartition topic and folds
 * them into each group's aggregate, first subtracting the old value (if the group has an aggregate), then adding
 * the new one (to the initializer's value for a new group). The aggregate's timestamp is the later of the record's
 * and the aggregate's. Subtraction never removes an aggregate by itself; a subtractor returning {@code null} does.
 * reduce and count are aggregations too.
 *
 * <p>Threading: the task's thread.
 */
record KTableAggregateSupplier<K, V, VA>(String name, String storeName, Serde<V> valueSerde, String topic,
                                         Initializer<VA> initializer, Aggregator<? super K, ? super V, VA> adder,
                                         Aggregator<? super K, ? super V, VA> subtractor)
    implements ProcessorSupplier<K, byte[], K, Change<VA>> {

    @Override
    public Processor<K, byte[], K, Change<VA>> get() {
        return new ContextualProcessor<>() {
            private TableStoreForwarder<K, VA> table;
            private Serde<V> serde;

            @Override
            public void init(ProcessorContext<K, Change<VA>> context) {
                super.init(context);
                table = new TableStoreForwarder<>(context, storeName);
                serde = ProcessorSerdes.valueSerde(context, valueSerde, name);
            }

            @Override
            public void process(Record<K, byte[]> record) {
                Change<V> change = ChangeCodec.decode(serde, topic, record.value());
                ValueAndTimestamp<VA> current = table.get(record.key());
                VA aggregate = ValueAndTimestamp.getValueOrNull(current);
                long timestamp = current == null ? record.timestamp()
                    : Math.max(record.timestamp(), current.timestamp());
                if (change.oldValue() != null && aggregate != null) {
                    aggregate = subtractor.apply(record.key(), change.oldValue(), aggregate);
                }
                if (change.newValue() != null) {
                    aggregate = adder.apply(record.key(), change.newValue(),
                        aggregate == null ? initializer.apply() : aggregate);
                }
                table.put(record.key(), aggregate, timestamp);
            }
        };
    }
}
