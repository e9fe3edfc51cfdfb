package io.sluice.streams.state.internals;

import io.sluice.streams.KeyValue;
import io.sluice.streams.processor.BatchingStateRestoreCallback;
import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.StateStoreContext;
import io.sluice.streams.state.KeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;

/**
 * Records every change to the store below in its changelog ({@link ChangelogSink}, from an
 * {@link InternalStoreContext}) as (key, value or {@code null}, record timestamp), after the write succeeds, and
 * rebuilds the store from a changelog: it registers a batching restore callback with the root store, and the
 * runtime replays the topic into {@link #restore}. Restoration writes the layer below directly and logs nothing.
 * Changelog keys are the store keys. Threading: single-threaded, owned by one task.
 */
public final class ChangeLoggingKeyValueBytesStore extends WrappedKeyValueStore {
    private final Map<String, String> topicConfig;
    private ChangelogSink sink;
    private InternalStoreContext context;

    public ChangeLoggingKeyValueBytesStore(KeyValueStore<Bytes, byte[]> inner, Map<String, String> topicConfig) {
        super(inner);
        this.topicConfig = Map.copyOf(topicConfig);
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        this.context = ChangeLogging.internalContext(context, name());
        super.init(context, root);
        this.sink = this.context.changelogFor(name(), topicConfig);
        context.register(root, (BatchingStateRestoreCallback) this::restore);
    }

    /** Applies changelog records, in order, to the store below (one batch write for RocksDB). */
    public void restore(Iterable<KeyValue<byte[], byte[]>> records) {
        List<KeyValue<Bytes, byte[]>> batch = new ArrayList<>();
        records.forEach(record -> batch.add(KeyValue.pair(Bytes.wrap(record.key), record.value)));
        inner.putAll(batch);
    }

    private void log(Bytes key, byte[] value) {
        sink.send(key, value, context.recordTimestamp());
    }

    @Override
    public void put(Bytes key, byte[] value) {
        inner.put(key, value);
        log(key, value);
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] present = inner.putIfAbsent(key, value);
        if (present == null) {
            log(key, value);
        }
        return present;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        inner.putAll(entries);
        entries.forEach(entry -> log(entry.key, entry.value));
    }

    @Override
    public byte[] delete(Bytes key) {
        byte[] old = inner.delete(key);
        log(key, null);
        return old;
    }
}
