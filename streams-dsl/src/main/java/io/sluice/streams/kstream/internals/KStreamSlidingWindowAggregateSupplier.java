package io.sluice.streams.kstream.internals;

import io.sluice.streams.KeyValue;
import io.sluice.streams.kstream.Aggregator;
import io.sluice.streams.kstream.EmitStrategy;
import io.sluice.streams.kstream.Initializer;
import io.sluice.streams.kstream.SlidingWindows;
import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.processor.api.ContextualProcessor;
import io.sluice.streams.processor.api.Processor;
import io.sluice.streams.processor.api.ProcessorContext;
import io.sluice.streams.processor.api.Record;
import io.sluice.streams.state.TimestampedWindowStore;
import io.sluice.streams.state.ValueAndTimestamp;
import io.sluice.streams.state.WindowStoreIterator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Sliding-window aggregation (KIP-450). Windows are {@code [start, start + timeDifference]}, both ends inclusive,
 * and exist only where records make them distinct: each record {@code t} has a <em>left</em> window ending at
 * {@code t} and, when later records lie within {@code timeDifference} after it, a <em>right</em> window starting at
 * {@code t + 1}. Records before {@code timeDifference} share the window {@code [0, timeDifference]} as their left
 * window, since windows never start before 0.
 *
 * <p>Aggregates are built incrementally, so a new window copies the aggregate of an existing window holding
 * exactly its records: a record's left window copies the window ending just before it (or starts from the
 * initializer), its right window copies the latest-starting window containing it as it was before this record.
 * Each stored aggregate carries the largest timestamp of its records, used to find the previous record and as
 * the result's timestamp. Out-of-order records update every existing window they fall into and create the
 * windows they make distinct. Existing windows are updated from the latest start down, as Kafka Streams does.
 *
 * <p>A window (its end included) is closed once close time (stream time minus grace) is past its end. A record is
 * dropped when its right window ends at or before close time; otherwise each closed window it falls into counts as
 * a drop (both as in Kafka Streams). Drops are logged.
 */
record KStreamSlidingWindowAggregateSupplier<K, V, VA>(
        String storeName, SlidingWindows windows, Initializer<VA> initializer,
        Aggregator<? super K, ? super V, VA> aggregator, EmitStrategy emitStrategy)
    implements WindowedAggregationSupplier<K, V, VA> {

    @Override
    public long windowCloseDelayMs() {
        return windows.gracePeriodMs();
    }

    @Override
    public Processor<K, V, Windowed<K>, Change<VA>> get() {
        return new SlidingProcessor();
    }

    private final class SlidingProcessor extends ContextualProcessor<K, V, Windowed<K>, Change<VA>> {
        private final long difference = windows.timeDifferenceMs();
        // Sliding windows include their end, so a window is closed only once close time is past it.
        private final WindowCloseEmitter<K, VA> closeEmitter = new WindowCloseEmitter<>(difference + 1);
        private TimestampedWindowStore<K, VA> store;
        private WindowedResultForwarder<K, VA> forwarder;
        private long observedStreamTime = Long.MIN_VALUE;

        /** What one pass over the stored windows around a record learned. */
        private final class Neighbourhood {
            final Set<Long> starts = new HashSet<>();
            ValueAndTimestamp<VA> leftAggregate;
            ValueAndTimestamp<VA> rightAggregate;
            boolean leftExists;
            boolean rightExists;
            Long previousTimestamp;
        }

        @Override
        public void init(ProcessorContext<Windowed<K>, Change<VA>> context) {
            super.init(context);
            store = context.getStateStore(storeName);
            forwarder = new WindowedResultForwarder<>(context, store, emitStrategy, TimestampedValues.<VA>reader());
        }

        @Override
        public void process(Record<K, V> record) {
            if (record.key() == null) {
                DroppedRecords.nullKey(context(), "a sliding-window aggregation");
                return;
            }
            long timestamp = record.timestamp();
            observedStreamTime = Math.max(observedStreamTime, timestamp);
            long closeTime = observedStreamTime - windows.gracePeriodMs();
            if (forwarder.emitOnClose()) {
                // Before this record's puts move the store's clock on and expire the windows that just closed.
                closeEmitter.emitClosed(closeTime, store, forwarder, record.headers());
            }
            if (timestamp + 1 + difference <= closeTime) {
                DroppedRecords.lateForWindow(context(), record, new TimeWindow(timestamp + 1,
                    timestamp + 1 + difference), closeTime);
                return;
            }
            if (timestamp < difference) {
                processEarly(record, closeTime);
            } else {
                processLatestFirst(record, closeTime);
            }
        }

        private List<KeyValue<Long, ValueAndTimestamp<VA>>> windowsStarting(K key, long from, long to) {
            List<KeyValue<Long, ValueAndTimestamp<VA>>> found = new ArrayList<>();
            try (WindowStoreIterator<ValueAndTimestamp<VA>> iterator = store.fetch(key, from, to)) {
                iterator.forEachRemaining(found::add);
            }
            return found;
        }

        /** A record at or after {@code timeDifference}: windows from the latest start down. */
        private void processLatestFirst(Record<K, V> record, long closeTime) {
            long timestamp = record.timestamp();
            List<KeyValue<Long, ValueAndTimestamp<VA>>> found =
                windowsStarting(record.key(), Math.max(0, timestamp - 2 * difference), timestamp + 1);
            Neighbourhood around = new Neighbourhood();
            for (int i = found.size() - 1; i >= 0; i--) {
                long start = found.get(i).key;
                ValueAndTimestamp<VA> window = found.get(i).value;
                long end = start + difference;
                around.starts.add(start);
                if (start == timestamp + 1) {
                    around.rightExists = true;
                } else if (end > timestamp) {
                    if (around.rightAggregate == null) {
                        around.rightAggregate = window;
                    }
                    update(record, start, window, closeTime);
                } else if (end == timestamp) {
                    around.leftExists = true;
                    update(record, start, window, closeTime);
                    if (window.timestamp() >= timestamp) {
                        return; // a record at this very timestamp already created this record's other windows
                    }
                    around.previousTimestamp = window.timestamp();
                } else {
                    around.leftAggregate = window;
                    around.previousTimestamp = window.timestamp();
                    break;
                }
            }
            createWindows(record, around, closeTime);
        }

        private void createWindows(Record<K, V> record, Neighbourhood around, long closeTime) {
            long timestamp = record.timestamp();
            if (around.previousTimestamp != null) {
                long previousRightStart = around.previousTimestamp + 1;
                if (!around.starts.contains(previousRightStart) && previousRightStart + difference >= timestamp) {
                    create(record, previousRightStart, null, closeTime);
                }
            }
            if (!around.leftExists) {
                boolean previousInLeftWindow = around.previousTimestamp != null
                    && timestamp - difference <= around.previousTimestamp;
                ValueAndTimestamp<VA> copied = previousInLeftWindow
                    ? ValueAndTimestamp.make(around.leftAggregate.value(), timestamp) : null;
                create(record, timestamp - difference, copied, closeTime);
            }
            if (!around.rightExists) {
                createRightWindow(record, around.rightAggregate);
            }
        }

        /** A record before {@code timeDifference}: its left window is the shared {@code [0, timeDifference]}. */
        private void processEarly(Record<K, V> record, long closeTime) {
            long timestamp = record.timestamp();
            Neighbourhood around = new Neighbourhood();
            ValueAndTimestamp<VA> combined = null;
            for (KeyValue<Long, ValueAndTimestamp<VA>> entry : windowsStarting(record.key(), 0, timestamp + 1)) {
                long start = entry.key;
                around.starts.add(start);
                if (start == 0) {
                    combined = entry.value;
                    // Only when the combined window ends before this record is its latest record the previous one;
                    // otherwise that record already made the previous record's right window.
                    if (combined.timestamp() < timestamp) {
                        around.previousTimestamp = combined.timestamp();
                    }
                } else if (start <= timestamp) {
                    around.rightAggregate = entry.value;
                    update(record, start, entry.value, closeTime);
                } else {
                    around.rightExists = true;
                }
            }
            // No right window containing this record: the combined window holds only later records, exactly this
            // record's right window.
            if (around.rightAggregate == null && combined != null && combined.timestamp() > timestamp) {
                around.rightAggregate = combined;
            }
            if (!around.rightExists) {
                createRightWindow(record, around.rightAggregate);
            }
            if (around.previousTimestamp != null && !around.starts.contains(around.previousTimestamp + 1)) {
                create(record, around.previousTimestamp + 1, null, closeTime);
            }
            update(record, 0, combined, combined == null, closeTime);
        }

        /** Creates the record's right window from {@code aggregate} (as it was before this record), if any. */
        private void createRightWindow(Record<K, V> record, ValueAndTimestamp<VA> aggregate) {
            long timestamp = record.timestamp();
            if (aggregate == null || aggregate.timestamp() <= timestamp) {
                return; // no later record within reach: the right window would be empty
            }
            store.put(record.key(), aggregate, timestamp + 1);
            forwarder.maybeForward(new Windowed<>(record.key(), window(timestamp + 1)), aggregate.value(), null,
                aggregate.timestamp(), record.headers());
        }

        private void update(Record<K, V> record, long start, ValueAndTimestamp<VA> current, long closeTime) {
            update(record, start, current, false, closeTime);
        }

        /** Creates the window starting at {@code start} from a copy of another window's aggregate, or empty. */
        private void create(Record<K, V> record, long start, ValueAndTimestamp<VA> copied, long closeTime) {
            update(record, start, copied, true, closeTime);
        }

        /**
         * Folds the record into the window starting at {@code start}, whose aggregate is {@code current}
         * ({@code null}: the initializer's) and forwards the change; a created window has no old value.
         */
        private void update(Record<K, V> record, long start, ValueAndTimestamp<VA> current, boolean created,
                            long closeTime) {
            TimeWindow window = window(start);
            if (window.end() < closeTime) {
                DroppedRecords.lateForWindow(context(), record, window, closeTime);
                return;
            }
            VA old = current == null ? null : current.value();
            VA aggregate = aggregator.apply(record.key(), record.value(), old == null ? initializer.apply() : old);
            long resultTimestamp = current == null ? record.timestamp()
                : Math.max(record.timestamp(), current.timestamp());
            store.put(record.key(), ValueAndTimestamp.make(aggregate, resultTimestamp), start);
            forwarder.maybeForward(new Windowed<>(record.key(), window), aggregate, created ? null : old,
                resultTimestamp, record.headers());
        }

        private TimeWindow window(long start) {
            return new TimeWindow(start, start + difference);
        }
    }
}
