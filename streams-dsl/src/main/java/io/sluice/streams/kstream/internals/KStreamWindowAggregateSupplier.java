package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Aggregator;
import io.sluice.streams.kstream.EmitStrategy;
import io.sluice.streams.kstream.Initializer;
import io.sluice.streams.kstream.Window;
import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.kstream.Windows;
import io.sluice.streams.processor.api.ContextualProcessor;
import io.sluice.streams.processor.api.Processor;
import io.sluice.streams.processor.api.ProcessorContext;
import io.sluice.streams.processor.api.Record;
import io.sluice.streams.state.TimestampedWindowStore;
import io.sluice.streams.state.ValueAndTimestamp;
import java.util.Map;

/**
 * Folds each record into every open window containing its timestamp (tumbling, hopping). Stream time here is
 * the largest timestamp this processor has seen; a window is closed once stream time reaches its end plus the
 * grace period. Each closed window a record falls into counts as a drop (as in Kafka Streams) and is logged.
 * A window's result carries the largest timestamp of its records. Results are forwarded per the emit strategy
 * ({@link WindowedResultForwarder}, {@link WindowCloseEmitter}).
 */
record KStreamWindowAggregateSupplier<K, V, VA, W extends Window>(
        String storeName, Windows<W> windows, Initializer<VA> initializer,
        Aggregator<? super K, ? super V, VA> aggregator, EmitStrategy emitStrategy)
    implements WindowedAggregationSupplier<K, V, VA> {

    @Override
    public long windowCloseDelayMs() {
        return windows.gracePeriodMs();
    }

    @Override
    public Processor<K, V, Windowed<K>, Change<VA>> get() {
        return new ContextualProcessor<>() {
            private TimestampedWindowStore<K, VA> store;
            private WindowedResultForwarder<K, VA> forwarder;
            private final WindowCloseEmitter<K, VA> closeEmitter = new WindowCloseEmitter<>(windows.size());
            private long observedStreamTime = Long.MIN_VALUE;

            @Override
            public void init(ProcessorContext<Windowed<K>, Change<VA>> context) {
                super.init(context);
                store = context.getStateStore(storeName);
                forwarder = new WindowedResultForwarder<>(context, store, emitStrategy,
                    TimestampedValues.<VA>reader());
            }

            @Override
            public void process(Record<K, V> record) {
                if (record.key() == null) {
                    DroppedRecords.nullKey(context(), "a windowed aggregation");
                    return;
                }
                long timestamp = record.timestamp();
                observedStreamTime = Math.max(observedStreamTime, timestamp);
                long closeTime = observedStreamTime - windows.gracePeriodMs();
                if (forwarder.emitOnClose()) {
                    // Before this record's puts move the store's clock on and expire the windows that just closed.
                    closeEmitter.emitClosed(closeTime, store, forwarder, record.headers());
                }
                for (Map.Entry<Long, W> entry : windows.windowsFor(timestamp).entrySet()) {
                    W window = entry.getValue();
                    if (window.end() <= closeTime) {
                        DroppedRecords.lateForWindow(context(), record, window, closeTime);
                        continue;
                    }
                    ValueAndTimestamp<VA> old = store.fetch(record.key(), window.start());
                    VA oldAggregate = ValueAndTimestamp.getValueOrNull(old);
                    VA aggregate = aggregator.apply(record.key(), record.value(),
                        old == null ? initializer.apply() : oldAggregate);
                    long resultTimestamp = old == null ? timestamp : Math.max(timestamp, old.timestamp());
                    store.put(record.key(), ValueAndTimestamp.make(aggregate, resultTimestamp), window.start());
                    forwarder.maybeForward(new Windowed<>(record.key(), window), aggregate, oldAggregate,
                        resultTimestamp, record.headers());
                }
            }
        };
    }
}
