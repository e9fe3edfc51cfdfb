package io.sluice.streams.kstream.internals;

import io.sluice.streams.KeyValue;
import io.sluice.streams.kstream.Aggregator;
import io.sluice.streams.kstream.EmitStrategy;
import io.sluice.streams.kstream.Initializer;
import io.sluice.streams.kstream.Merger;
import io.sluice.streams.kstream.SessionWindows;
import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.processor.api.ContextualProcessor;
import io.sluice.streams.processor.api.Processor;
import io.sluice.streams.processor.api.ProcessorContext;
import io.sluice.streams.processor.api.Record;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.SessionStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Session-window aggregation. A record at {@code t} joins every session of its key that ends at or after
 * {@code t - gap} and starts at or before {@code t + gap}; their aggregates are merged with the session merger
 * (starting from the initializer) and the record is folded in. The merged sessions are removed and a tombstone is
 * forwarded for each (unless the record only joins the one-event session at its own timestamp), then the new
 * session {@code [min start, max end]} is stored and forwarded, as in Kafka Streams. Results carry
 * the session's end as their timestamp.
 *
 * <p>Close time is stream time minus gap minus grace: a record whose merged session would end before it is
 * dropped, counted and logged, and nothing changes. On window close, sessions ending before close time are
 * forwarded once, ordered by end (then start, then serialized key).
 */
record KStreamSessionWindowAggregateSupplier<K, V, VA>(
        String storeName, SessionWindows windows, Initializer<VA> initializer,
        Aggregator<? super K, ? super V, VA> aggregator, Merger<? super K, VA> sessionMerger,
        EmitStrategy emitStrategy) implements WindowedAggregationSupplier<K, V, VA> {

    @Override
    public long windowCloseDelayMs() {
        return windows.inactivityGap() + windows.gracePeriodMs();
    }

    @Override
    public Processor<K, V, Windowed<K>, Change<VA>> get() {
        return new ContextualProcessor<>() {
            private SessionStore<K, VA> store;
            private WindowedResultForwarder<K, VA> forwarder;
            private long observedStreamTime = Long.MIN_VALUE;
            private long lastEmittedCloseTime = Long.MIN_VALUE;

            @Override
            public void init(ProcessorContext<Windowed<K>, Change<VA>> context) {
                super.init(context);
                store = context.getStateStore(storeName);
                forwarder = new WindowedResultForwarder<>(context, store, emitStrategy, sessionReader());
            }

            @Override
            public void process(Record<K, V> record) {
                if (record.key() == null) {
                    DroppedRecords.nullKey(context(), "a session-window aggregation");
                    return;
                }
                long timestamp = record.timestamp();
                observedStreamTime = Math.max(observedStreamTime, timestamp);
                long closeTime = observedStreamTime - windowCloseDelayMs();
                if (forwarder.emitOnClose()) {
                    // Before this record's put moves the store's clock on and expires the sessions that just closed.
                    emitClosed(closeTime, record);
                }

                List<KeyValue<Windowed<K>, VA>> merged = new ArrayList<>();
                try (KeyValueIterator<Windowed<K>, VA> overlapping = store.findSessions(record.key(),
                    timestamp - windows.inactivityGap(), timestamp + windows.inactivityGap())) {
                    overlapping.forEachRemaining(merged::add);
                }
                long start = timestamp;
                long end = timestamp;
                VA aggregate = initializer.apply();
                for (KeyValue<Windowed<K>, VA> session : merged) {
                    aggregate = sessionMerger.apply(record.key(), aggregate, session.value);
                    start = Math.min(start, session.key.window().start());
                    end = Math.max(end, session.key.window().end());
                }
                SessionWindow window = new SessionWindow(start, end);
                if (end < closeTime) {
                    DroppedRecords.lateForWindow(context(), record, window, closeTime);
                } else {
                    // A record that only joins the one-event session at its own timestamp updates it in place;
                    // otherwise every merged session (even one with the same bounds) is removed with a tombstone,
                    // which a cache then folds into the new session's update when the bounds did not change.
                    if (start != timestamp || end != timestamp) {
                        for (KeyValue<Windowed<K>, VA> session : merged) {
                            store.remove(session.key);
                            forwarder.maybeForward(session.key, null, session.value, session.key.window().end(),
                                record.headers());
                        }
                    }
                    aggregate = aggregator.apply(record.key(), record.value(), aggregate);
                    Windowed<K> sessionKey = new Windowed<>(record.key(), window);
                    store.put(sessionKey, aggregate);
                    forwarder.maybeForward(sessionKey, aggregate, null, end, record.headers());
                }
            }

            private void emitClosed(long closeTime, Record<K, V> record) {
                if (closeTime <= lastEmittedCloseTime) {
                    return;
                }
                List<KeyValue<Windowed<K>, VA>> closed = new ArrayList<>();
                long earliestEnd = lastEmittedCloseTime == Long.MIN_VALUE ? 0 : lastEmittedCloseTime;
                try (KeyValueIterator<Windowed<K>, VA> sessions = store.findSessions(null, null, earliestEnd,
                    Long.MAX_VALUE)) {
                    sessions.forEachRemaining(session -> {
                        if (session.key.window().end() < closeTime) {
                            closed.add(session);
                        }
                    });
                }
                closed.sort(Comparator.<KeyValue<Windowed<K>, VA>>comparingLong(s -> s.key.window().end())
                    .thenComparingLong(s -> s.key.window().start()));
                for (KeyValue<Windowed<K>, VA> session : closed) {
                    forwarder.forwardFinal(session.key, session.value, session.key.window().end(),
                        record.headers());
                }
                lastEmittedCloseTime = closeTime;
            }
        };
    }

    private static <VA> WindowedResultForwarder.CachedValueReader<VA, VA> sessionReader() {
        return new WindowedResultForwarder.CachedValueReader<>() {
            @Override
            public VA value(VA stored) {
                return stored;
            }

            @Override
            public long timestamp(Windowed<?> key, VA stored, long entryTimestamp) {
                return key.window().end();
            }
        };
    }
}
