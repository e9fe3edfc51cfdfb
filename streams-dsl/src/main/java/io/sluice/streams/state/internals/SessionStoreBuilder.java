package io.sluice.streams.state.internals;

import io.sluice.streams.state.SessionBytesStoreSupplier;
import io.sluice.streams.state.SessionStore;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/** Builds typed → caching → changelogging → bytes session stores; caching as in {@link WindowStoreBuilder}. */
public final class SessionStoreBuilder<K, V> extends AbstractStoreBuilder<K, V, SessionStore<K, V>> {
    private final SessionBytesStoreSupplier supplier;

    public SessionStoreBuilder(SessionBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        super(supplier.name(), keySerde, valueSerde);
        this.supplier = supplier;
        this.caching = false; // as WindowStoreBuilder: caching only when asked
    }

    @Override
    public SessionStore<K, V> build() {
        SessionStore<Bytes, byte[]> store = supplier.get();
        if (logging) {
            store = new ChangeLoggingSessionBytesStore(store, logConfig);
        }
        if (caching) {
            store = new CachingSessionStore(store, supplier.retentionPeriod(), supplier.segmentIntervalMs(), -1);
        }
        return new TypedSessionStore<>(store, keySerde, valueSerde);
    }
}
