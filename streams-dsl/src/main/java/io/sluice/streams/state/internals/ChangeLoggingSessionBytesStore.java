package io.sluice.streams.state.internals;

import io.sluice.streams.KeyValue;
import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.kstream.internals.SessionWindow;
import io.sluice.streams.processor.BatchingStateRestoreCallback;
import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.StateStoreContext;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.SessionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;

/**
 * Records every session put and removal in the changelog keyed by the {@link SessionKeySchema} store key
 * ({@code key|end|start}); see {@link ChangeLoggingKeyValueBytesStore} for the contract. Threading:
 * single-threaded, owned by one task.
 */
public final class ChangeLoggingSessionBytesStore extends WrappedStateStore<SessionStore<Bytes, byte[]>>
    implements SessionStore<Bytes, byte[]> {
    private final Map<String, String> topicConfig;
    private ChangelogSink sink;
    private InternalStoreContext context;

    public ChangeLoggingSessionBytesStore(SessionStore<Bytes, byte[]> inner, Map<String, String> topicConfig) {
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

    /** Applies changelog records (session store keys), in order, to the store below. */
    public void restore(Iterable<KeyValue<byte[], byte[]>> records) {
        List<KeyValue<byte[], byte[]>> batch = new ArrayList<>();
        records.forEach(batch::add);
        if (inner instanceof RawRestorable raw) {
            raw.restoreRaw(batch);
        } else {
            for (KeyValue<byte[], byte[]> record : batch) {
                inner.put(new Windowed<>(SessionKeySchema.extractKey(record.key), new SessionWindow(
                    SessionKeySchema.extractStart(record.key), SessionKeySchema.extractEnd(record.key))), record.value);
            }
        }
    }

    @Override
    public void put(Windowed<Bytes> sessionKey, byte[] aggregate) {
        inner.put(sessionKey, aggregate);
        sink.send(SessionKeySchema.toStoreKey(sessionKey.key(), sessionKey.window().start(),
            sessionKey.window().end()), aggregate, context.recordTimestamp());
    }

    @Override
    public void remove(Windowed<Bytes> sessionKey) {
        put(sessionKey, null);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes key, long earliestSessionEndTime,
                                                                  long latestSessionStartTime) {
        return inner.findSessions(key, earliestSessionEndTime, latestSessionStartTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes keyFrom, Bytes keyTo,
                                                                  long earliestSessionEndTime,
                                                                  long latestSessionStartTime) {
        return inner.findSessions(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime);
    }

    @Override
    public byte[] fetchSession(Bytes key, long sessionStartTime, long sessionEndTime) {
        return inner.fetchSession(key, sessionStartTime, sessionEndTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes key) {
        return inner.fetch(key);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo) {
        return inner.fetch(keyFrom, keyTo);
    }
}
