package io.sluice.streams.state.internals;

import io.sluice.streams.state.SessionBytesStoreSupplier;
import io.sluice.streams.state.SessionStore;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds typed → changelogging → bytes session stores; caching as in {@link WindowStoreBuilder}. */
public final class SessionStoreBuilder<K, V> extends AbstractStoreBuilder<K, V, SessionStore<K, V>> {
    private static final Logger LOG = LoggerFactory.getLogger(SessionStoreBuilder.class);
    private final SessionBytesStoreSupplier supplier;

    public SessionStoreBuilder(SessionBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        super(supplier.name(), keySerde, valueSerde);
        this.supplier = supplier;
        this.caching = false;
    }

    @Override
    public SessionStore<K, V> build() {
        if (caching) {
            LOG.info("Session store {}: caching is not supported yet; building it without a cache", name);
        }
        SessionStore<Bytes, byte[]> store = supplier.get();
        if (logging) {
            store = new ChangeLoggingSessionBytesStore(store, logConfig);
        }
        return new TypedSessionStore<>(store, keySerde, valueSerde);
    }
}
