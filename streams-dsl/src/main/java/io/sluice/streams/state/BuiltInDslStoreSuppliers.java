package io.sluice.streams.state;

/**
 * The built-in {@link DslStoreSuppliers}: every store in RocksDB ({@link #ROCKS_DB}, the DSL's default) or every
 * store in memory ({@link #IN_MEMORY}). Both are stateless and thread-safe; the nested classes exist so they can be
 * named in configuration.
 */
public class BuiltInDslStoreSuppliers {
    public static final DslStoreSuppliers ROCKS_DB = new RocksDBDslStoreSuppliers();
    public static final DslStoreSuppliers IN_MEMORY = new InMemoryDslStoreSuppliers();

    /** Persistent stores: {@link Stores#persistentKeyValueStore} and its window and session siblings. */
    public static class RocksDBDslStoreSuppliers implements DslStoreSuppliers {
        @Override
        public KeyValueBytesStoreSupplier keyValueStore(DslKeyValueParams params) {
            return Stores.persistentKeyValueStore(params.name());
        }

        @Override
        public WindowBytesStoreSupplier windowStore(DslWindowParams params) {
            return Stores.persistentWindowStore(params.name(), params.retentionPeriod(), params.windowSize(),
                params.retainDuplicates());
        }

        @Override
        public SessionBytesStoreSupplier sessionStore(DslSessionParams params) {
            return Stores.persistentSessionStore(params.name(), params.retentionPeriod());
        }
    }

    /** Stores kept on the heap: {@link Stores#inMemoryKeyValueStore} and its window and session siblings. */
    public static class InMemoryDslStoreSuppliers implements DslStoreSuppliers {
        @Override
        public KeyValueBytesStoreSupplier keyValueStore(DslKeyValueParams params) {
            return Stores.inMemoryKeyValueStore(params.name());
        }

        @Override
        public WindowBytesStoreSupplier windowStore(DslWindowParams params) {
            return Stores.inMemoryWindowStore(params.name(), params.retentionPeriod(), params.windowSize(),
                params.retainDuplicates());
        }

        @Override
        public SessionBytesStoreSupplier sessionStore(DslSessionParams params) {
            return Stores.inMemorySessionStore(params.name(), params.retentionPeriod());
        }
    }
}
