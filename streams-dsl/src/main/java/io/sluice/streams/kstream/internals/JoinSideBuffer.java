package io.sluice.streams.kstream.internals;

import io.sluice.streams.processor.api.ContextualProcessor;
import io.sluice.streams.processor.api.Processor;
import io.sluice.streams.processor.api.ProcessorContext;
import io.sluice.streams.processor.api.ProcessorSupplier;
import io.sluice.streams.processor.api.Record;
import io.sluice.streams.state.StoreBuilder;
import io.sluice.streams.state.WindowStore;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One side's input to a stream-stream join: forwards each record to the side's join processor, then keeps it in
 * the side's window store (keyed by record key, at the record's timestamp, duplicates retained) for the other
 * side's records to find. Forwarding first means a record never finds itself in a self-join's own side.
 *
 * <p>The store keeps records for the join's retention (window size plus grace) behind the newest timestamp this
 * side has stored. A record older than that cannot be stored: it is counted as dropped and logged, as Kafka
 * Streams' window stores do; it still probed the other side when forwarded, as in Kafka Streams. Records with a
 * {@code null} key or value are forwarded (the join processor decides about them) but never stored.
 *
 * <p>Threading: the task's thread.
 */
record JoinSideBuffer<K, V>(StoreBuilder<WindowStore<K, V>> store, long retentionMs)
    implements ProcessorSupplier<K, V, K, V> {
    private static final Logger LOG = LoggerFactory.getLogger(JoinSideBuffer.class);

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(store);
    }

    @Override
    public Processor<K, V, K, V> get() {
        return new ContextualProcessor<>() {
            private WindowStore<K, V> window;
            private long newestStoredMs = -1;

            @Override
            public void init(ProcessorContext<K, V> context) {
                super.init(context);
                window = context.getStateStore(store.name());
            }

            @Override
            public void process(Record<K, V> record) {
                context().forward(record);
                if (record.key() == null || record.value() == null) {
                    return;
                }
                long timestamp = record.timestamp();
                if (newestStoredMs >= 0 && timestamp <= newestStoredMs - retentionMs) {
                    DroppedRecords.count(context());
                    LOG.warn("Not buffering a late record for the join in store {}: timestamp {} is more than the "
                        + "retention of {} ms behind the newest buffered timestamp {}", store.name(), timestamp,
                        retentionMs, newestStoredMs);
                    return;
                }
                newestStoredMs = Math.max(newestStoredMs, timestamp);
                window.put(record.key(), record.value(), timestamp);
            }
        };
    }
}
