package io.sluice.streams.state.internals;

import io.sluice.streams.KeyValue;
import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.processor.BatchingStateRestoreCallback;
import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.StateStoreContext;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.WindowStore;
import io.sluice.streams.state.WindowStoreIterator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;

/**
 * Records every window put in the changelog keyed by the {@link WindowKeySchema} store key
 * ({@code key|windowStart|seq}), so restoring reproduces duplicates too; see
 * {@link ChangeLoggingKeyValueBytesStore} for the contract. Threading: single-threaded, owned by one task.
 */
public final class ChangeLoggingWindowBytesStore extends WrappedStateStore<WindowStore<Bytes, byte[]>>
    implements WindowStore<Bytes, byte[]> {
    private final Map<String, String> topicConfig;
    private ChangelogSink sink;
    private InternalStoreContext context;

    public ChangeLoggingWindowBytesStore(WindowStore<Bytes, byte[]> inner, Map<String, String> topicConfig) {
        super(inner);
        this.topicConfig = Map.copyOf(topicConfig);
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        this.context = ChangeLogging.internalContext(context, name());
        inner.init(context, root);
        this.sink = this.context.changelogFor(name(), topicConfig);
        context.register(root, (BatchingStateRestoreCallback) this::restore);
    }

    /** Applies changelog records (window store keys), in order, to the store below. */
    public void restore(Iterable<KeyValue<byte[], byte[]>> records) {
        List<KeyValue<byte[], byte[]>> batch = new ArrayList<>();
        records.forEach(batch::add);
        if (inner instanceof RawRestorable raw) {
            raw.restoreRaw(batch);
        } else {
            for (KeyValue<byte[], byte[]> record : batch) {
                inner.put(WindowKeySchema.extractKey(record.key), record.value,
                    WindowKeySchema.extractWindowStart(record.key));
            }
        }
    }

    @Override
    public void put(Bytes key, byte[] value, long windowStartMs) {
        Bytes storeKey;
        if (inner instanceof SegmentedWindowStore segmented) {
            storeKey = segmented.putReturningStoreKey(key, value, windowStartMs);
        } else {
            inner.put(key, value, windowStartMs);
            storeKey = WindowKeySchema.toStoreKey(key, windowStartMs, 0);
        }
        if (storeKey != null) {
            sink.send(storeKey, value, context.recordTimestamp());
        }
    }

    @Override
    public byte[] fetch(Bytes key, long windowStartMs) {
        return inner.fetch(key, windowStartMs);
    }

    @Override
    public WindowStoreIterator<byte[]> fetch(Bytes key, long timeFrom, long timeTo) {
        return inner.fetch(key, timeFrom, timeTo);
    }

    @Override
    public WindowStoreIterator<byte[]> backwardFetch(Bytes key, Instant timeFrom, Instant timeTo) {
        return inner.backwardFetch(key, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
        return inner.fetch(keyFrom, keyTo, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> all() {
        return inner.all();
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(long timeFrom, long timeTo) {
        return inner.fetchAll(timeFrom, timeTo);
    }
}
