package io.sluice.streams.kstream.internals;

import io.sluice.streams.KeyValue;
import io.sluice.streams.StreamsConfig;
import io.sluice.streams.errors.StreamsException;
import io.sluice.streams.kstream.JoinWindows;
import io.sluice.streams.kstream.ValueJoinerWithKey;
import io.sluice.streams.processor.api.ContextualProcessor;
import io.sluice.streams.processor.api.Processor;
import io.sluice.streams.processor.api.ProcessorContext;
import io.sluice.streams.processor.api.ProcessorSupplier;
import io.sluice.streams.processor.api.Record;
import io.sluice.streams.state.KeyValueStore;
import io.sluice.streams.state.StoreBuilder;
import io.sluice.streams.state.WindowStore;
import io.sluice.streams.state.WindowStoreIterator;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/**
 * One side of a stream-stream join: each record of this side (already in this side's window store, see
 * {@link JoinSideBuffer}) looks up the other side's records of its key with timestamps in
 * {@code [t - lookBackMs, t + lookAheadMs]} and forwards one result per match, stamped with the larger of the two
 * timestamps. For the left side the bounds are the windows' before/after; the right side swaps them. The joiner
 * is given as (key, this side's value, other side's value): the right side's is the user's joiner reversed.
 *
 * <p>Unmatched records ({@code outer}: the left side of left joins, both sides of outer joins) are not emitted at
 * once: they wait in the shared {@link OuterJoinBuffer} until a match removes them, or until the join's stream
 * time passes their window end plus grace, when they are emitted with a {@code null} partner at their own
 * timestamp. Both sides scan the buffer for such records, but only on records that advance stream time, and at
 * most once per scan interval of wall-clock time ({@link JoinTimeTracker#startScan}). A record whose window has
 * already ended when it arrives cannot be matched any more and is emitted unmatched at once. This is Kafka
 * Streams' behaviour since KIP-633 (no "spurious" left/outer results), including the grace-less check for records
 * arriving after their window ended.
 *
 * <p>Records with a {@code null} value, or a {@code null} key on a side that is not outer, are dropped, counted and
 * logged; a {@code null}-key record on an outer side cannot match and is emitted unmatched at once (KIP-962).
 *
 * <p>Threading: the task's thread; the two sides of one task share one {@link JoinTimeTracker}.
 */
final class KStreamKStreamJoinSide<K, VThis, VOther, VOut> implements ProcessorSupplier<K, VThis, K, VOut> {
    static final String SCAN_INTERVAL_CONFIG =
        StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_OUTER_JOIN_SPURIOUS_RESULTS_FIX;
    private static final long DEFAULT_SCAN_INTERVAL_MS = 1000L;

    private final String name;
    private final boolean thisIsLeft;
    private final boolean outer;
    private final JoinWindows windows;
    private final StoreBuilder<WindowStore<K, VOther>> otherStore;
    private final StoreBuilder<KeyValueStore<Bytes, byte[]>> outerStore;
    private final JoinSerdes<K, VThis, VOther> serdes;
    private final ValueJoinerWithKey<? super K, ? super VThis, ? super VOther, ? extends VOut> joiner;
    private final JoinTimeTracker.Registry times;

    /** The serdes the shared buffer needs, as given to the DSL ({@code null}: the application's default). */
    record JoinSerdes<K, VThis, VOther>(Serde<K> key, Serde<VThis> thisValue, Serde<VOther> otherValue) {
    }

    /**
     * @param outerStore the buffer of unmatched records, {@code null} for inner joins
     * @param outer whether this side's unmatched records are emitted
     */
    KStreamKStreamJoinSide(String name, boolean thisIsLeft, boolean outer, JoinWindows windows,
                           StoreBuilder<WindowStore<K, VOther>> otherStore,
                           StoreBuilder<KeyValueStore<Bytes, byte[]>> outerStore, JoinSerdes<K, VThis, VOther> serdes,
                           ValueJoinerWithKey<? super K, ? super VThis, ? super VOther, ? extends VOut> joiner,
                           JoinTimeTracker.Registry times) {
        this.name = name;
        this.thisIsLeft = thisIsLeft;
        this.outer = outer;
        this.windows = windows;
        this.otherStore = otherStore;
        this.outerStore = outerStore;
        this.serdes = serdes;
        this.joiner = joiner;
        this.times = times;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        Set<StoreBuilder<?>> stores = new LinkedHashSet<>();
        stores.add(otherStore);
        if (outerStore != null) {
            stores.add(outerStore);
        }
        return stores;
    }

    @Override
    public Processor<K, VThis, K, VOut> get() {
        return new JoinProcessor();
    }

    private final class JoinProcessor extends ContextualProcessor<K, VThis, K, VOut> {
        private final long lookBackMs = thisIsLeft ? windows.beforeMs : windows.afterMs;
        private final long lookAheadMs = thisIsLeft ? windows.afterMs : windows.beforeMs;
        private WindowStore<K, VOther> other;
        private OuterJoinBuffer<K, VThis, VOther> unmatched;
        private JoinTimeTracker time;

        @Override
        public void init(ProcessorContext<K, VOut> context) {
            super.init(context);
            other = context.getStateStore(otherStore.name());
            time = times.get(context.taskId());
            time.scanIntervalMs = scanIntervalMs(context);
            if (outerStore != null) {
                unmatched = new OuterJoinBuffer<>(context.getStateStore(outerStore.name()), thisIsLeft,
                    orDefault(serdes.key(), context.keySerde(), "key"),
                    orDefault(serdes.thisValue(), context.valueSerde(), "value"),
                    orDefault(serdes.otherValue(), context.valueSerde(), "value"),
                    context.applicationId() + "-" + outerStore.name() + "-changelog");
            }
        }

        @Override
        public void process(Record<K, VThis> record) {
            long timestamp = record.timestamp();
            time.advanceStreamTime(timestamp);
            if (record.key() == null && record.value() != null && outer) {
                context().forward(record.withValue(joiner.apply(null, record.value(), null)));
                return;
            }
            if (record.key() == null || record.value() == null) {
                DroppedRecords.nullKeyOrValue(context(), "a stream-stream join (" + name + ")", record.key() == null);
                return;
            }
            // Only a record that advanced stream time can close windows; older ones need not scan.
            if (unmatched != null && timestamp == time.streamTimeMs) {
                emitExpired(record);
            }
            long from = Math.max(0L, timestamp - lookBackMs);
            long to = Math.max(0L, timestamp + lookAheadMs);
            boolean matched = false;
            try (WindowStoreIterator<VOther> matches = other.fetch(record.key(), from, to)) {
                while (matches.hasNext()) {
                    matched = true;
                    KeyValue<Long, VOther> match = matches.next();
                    if (unmatched != null) {
                        unmatched.removeOther(record.key(), match.key);
                    }
                    context().forward(record.withValue(joiner.apply(record.key(), record.value(), match.value))
                        .withTimestamp(Math.max(timestamp, match.key)));
                }
            }
            if (outer && !matched) {
                if (unmatched == null || to < time.streamTimeMs) {
                    context().forward(record.withValue(joiner.apply(record.key(), record.value(), null)));
                } else {
                    time.waiting(timestamp);
                    unmatched.add(record.key(), timestamp, record.value());
                }
            }
        }

        /** Emits the waiting records whose windows closed (both sides'), with the current record's headers. */
        private void emitExpired(Record<K, VThis> current) {
            // Nothing can be due while the oldest waiting record is this close to stream time. With an empty
            // buffer (Long.MAX_VALUE) the sum wraps and a scan runs anyway, using up the scan interval: Kafka
            // Streams computes the same, and which records a scan finds due is observable.
            if (time.minTimeMs + lookAheadMs + windows.gracePeriodMs() >= time.streamTimeMs
                || !time.startScan(context().currentSystemTimeMs())) {
                return;
            }
            // A left record waits for right records up to afterMs later, a right record for left ones up to
            // beforeMs later.
            OuterJoinBuffer.Expired<K, VThis, VOther> expired = unmatched.takeExpired((waitingSince, leftSide) ->
                waitingSince + (leftSide ? windows.afterMs : windows.beforeMs) + windows.gracePeriodMs()
                    >= time.streamTimeMs);
            time.minTimeMs = expired.lastSeenTimestampMs();
            for (OuterJoinBuffer.Waiting<K, VThis, VOther> waiting : expired.records()) {
                for (VThis value : waiting.thisValues()) {
                    forwardUnmatched(current, waiting, joiner.apply(waiting.key(), value, null));
                }
                for (VOther value : waiting.otherValues()) {
                    forwardUnmatched(current, waiting, joiner.apply(waiting.key(), null, value));
                }
            }
        }

        private void forwardUnmatched(Record<K, VThis> current, OuterJoinBuffer.Waiting<K, VThis, VOther> waiting,
                                     VOut result) {
            context().forward(current.withKey(waiting.key()).withValue(result).withTimestamp(waiting.timestampMs()));
        }

        @SuppressWarnings("unchecked") // the default serde is the application's promise for untyped joins
        private <T> Serde<T> orDefault(Serde<T> given, Serde<?> fallback, String what) {
            if (given != null) {
                return given;
            }
            if (fallback == null) {
                throw new StreamsException("Stream-stream join " + name + " has no " + what + " serde for its store "
                    + outerStore.name() + ": give one with StreamJoined.with(...) or set default." + what + ".serde");
            }
            return (Serde<T>) fallback;
        }

        @Override
        public void close() {
            times.remove(context().taskId());
        }
    }

    private static long scanIntervalMs(ProcessorContext<?, ?> context) {
        Object configured = context.appConfigs().get(SCAN_INTERVAL_CONFIG);
        if (configured == null) {
            return DEFAULT_SCAN_INTERVAL_MS;
        }
        if (configured instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(configured.toString().trim());
        } catch (NumberFormatException e) {
            throw new StreamsException("Config " + SCAN_INTERVAL_CONFIG + " must be a number of ms, was '"
                + configured + "'", e);
        }
    }
}
