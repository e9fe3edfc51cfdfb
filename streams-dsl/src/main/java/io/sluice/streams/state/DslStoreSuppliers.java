package io.sluice.streams.state;

import java.util.Map;
import org.apache.kafka.common.Configurable;

/**
 * The store implementations a DSL operator materializes its state with when the topology gives no store supplier
 * (KIP-954): one factory per store kind. An operator asks for a store by its parameters (name, retention, window
 * size, ...) and gets a bytes-store supplier; the typed, caching and changelogging layers are added by the DSL as
 * for any supplier.
 *
 * <p>Chosen per operator with {@link io.sluice.streams.kstream.Materialized#withStoreType(DslStoreSuppliers)} or
 * {@link io.sluice.streams.kstream.Materialized#as(DslStoreSuppliers)}; {@link BuiltInDslStoreSuppliers} has the
 * RocksDB and in-memory ones, and {@link io.sluice.streams.kstream.Materialized.StoreType} constants are suppliers
 * too. An operator given none uses RocksDB.
 *
 * <p>Threading: the DSL calls the factories while the topology is built, on the building thread; a supplier is
 * called once per store and per task. Implementations need a public no-argument constructor to be named in
 * configuration, which then reaches them through {@link #configure}.
 */
public interface DslStoreSuppliers extends Configurable {
    @Override
    default void configure(Map<String, ?> configs) {
        // Built-in suppliers need no settings.
    }

    KeyValueBytesStoreSupplier keyValueStore(DslKeyValueParams params);

    WindowBytesStoreSupplier windowStore(DslWindowParams params);

    SessionBytesStoreSupplier sessionStore(DslSessionParams params);
}
