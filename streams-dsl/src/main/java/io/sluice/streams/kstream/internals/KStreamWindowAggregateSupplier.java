package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Aggregator;
import io.sluice.streams.kstream.Initializer;
import io.sluice.streams.kstream.Window;
import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.kstream.Windows;
import io.sluice.streams.processor.api.ContextualProcessor;
import io.sluice.streams.processor.api.Processor;
import io.sluice.streams.processor.api.ProcessorContext;
import io.sluice.streams.processor.api.ProcessorSupplier;
import io.sluice.streams.processor.api.Record;
import io.sluice.streams.state.WindowStore;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds each record into every open window containing its timestamp and forwards each window's change. Stream
 * time here is the largest timestamp this processor has seen; a window is closed once stream time reaches its end
 * plus the grace period. A record whose windows are all closed is dropped, counted and logged at debug.
 */
record KStreamWindowAggregateSupplier<K, V, VA, W extends Window>(
        String storeName, Windows<W> windows, Initializer<VA> initializer,
        Aggregator<? super K, ? super V, VA> aggregator) implements ProcessorSupplier<K, V, Windowed<K>, Change<VA>> {
    private static final Logger LOG = LoggerFactory.getLogger(KStreamWindowAggregateSupplier.class);

    @Override
    public Processor<K, V, Windowed<K>, Change<VA>> get() {
        return new ContextualProcessor<>() {
            private WindowStore<K, VA> store;
            private long observedStreamTime = Long.MIN_VALUE;

            @Override
            public void init(ProcessorContext<Windowed<K>, Change<VA>> context) {
                super.init(context);
                store = context.getStateStore(storeName);
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
                boolean updated = false;
                for (Map.Entry<Long, W> entry : windows.windowsFor(timestamp).entrySet()) {
                    W window = entry.getValue();
                    if (window.end() <= closeTime) {
                        continue;
                    }
                    VA old = store.fetch(record.key(), window.start());
                    VA aggregate = aggregator.apply(record.key(), record.value(),
                        old == null ? initializer.apply() : old);
                    store.put(record.key(), aggregate, window.start());
                    context().forward(new Record<>(new Windowed<>(record.key(), window),
                        new Change<>(aggregate, old), timestamp, record.headers()));
                    updated = true;
                }
                if (!updated) {
                    DroppedRecords.count(context());
                    LOG.debug("Dropping a late record (timestamp {}, key {}): all its windows closed at stream time "
                        + "{} with grace {} ms", timestamp, record.key(), observedStreamTime, windows.gracePeriodMs());
                }
            }
        };
    }
}
