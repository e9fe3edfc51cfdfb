package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.state.BuiltInDslStoreSuppliers;
import io.sluice.streams.state.DslStoreSuppliers;

/**
 * Picks the {@link DslStoreSuppliers} a DSL operator gets its store from when the topology names no store supplier:
 * the one its {@link Materialized} gives, else RocksDB. The single place for that rule, so every operator (key-value,
 * window, session) defaults the same way. Stateless; called while the topology is built.
 */
final class DslStores {
    private DslStores() {
    }

    /** @param materialized the operator's settings, or {@code null} when it was given none */
    static DslStoreSuppliers of(Materialized<?, ?, ?> materialized) {
        DslStoreSuppliers given = materialized == null ? null : materialized.dslStoreSuppliers();
        return given != null ? given : BuiltInDslStoreSuppliers.ROCKS_DB;
    }
}
