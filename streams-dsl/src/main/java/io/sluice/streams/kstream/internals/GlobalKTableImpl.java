package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.GlobalKTable;

/**
 * A global table as the DSL sees it: how to look its values up (a getter over its global store) and the store
 * name users may query. Immutable.
 */
final class GlobalKTableImpl<K, V> implements GlobalKTable<K, V> {
    private final KTableValueGetterSupplier<K, V> valueGetterSupplier;
    private final String queryableStoreName;

    GlobalKTableImpl(KTableValueGetterSupplier<K, V> valueGetterSupplier, String queryableStoreName) {
        this.valueGetterSupplier = valueGetterSupplier;
        this.queryableStoreName = queryableStoreName;
    }

    KTableValueGetterSupplier<K, V> valueGetterSupplier() {
        return valueGetterSupplier;
    }

    @Override
    public String queryableStoreName() {
        return queryableStoreName;
    }
}
