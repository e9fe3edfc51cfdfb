package io.sluice.streams.state.internals;

import java.util.HashMap;
import java.util.Map;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * The RocksDB memory shared by all stores of one application in this process: one {@link LRUCache} block cache
 * and one {@link WriteBufferManager} that charges memtables to that cache. Every store's {@code Options} point at
 * both, so the total of block cache, index/filter blocks and memtables stays near
 * {@code rocksdb.block.cache.bytes} however many stores and segments the application opens; this is what Kafka
 * Streams users must otherwise assemble by hand in a config setter.
 *
 * <p>Lifecycle: stores {@link #acquire} a reference when they open and {@link #release} it after closing their
 * database; the last release closes the cache and manager (they must outlive every database that uses them).
 * The registry is keyed by application id and guarded by the class lock; stores open and close rarely, so the
 * lock is never hot. The first store of an application fixes the sizes; later stores share them.
 */
public final class RocksDbMemory {
    private static final Map<String, RocksDbMemory> BY_APPLICATION = new HashMap<>();

    static {
        RocksDB.loadLibrary();
    }

    private final String applicationId;
    private final RocksDbMemoryConfig config;
    private final LRUCache blockCache;
    private final WriteBufferManager writeBufferManager;
    private int references;

    private RocksDbMemory(String applicationId, RocksDbMemoryConfig config) {
        this.applicationId = applicationId;
        this.config = config;
        this.blockCache = new LRUCache(config.blockCacheBytes, -1, config.strictCapacityLimit,
            config.highPriorityPoolRatio);
        this.writeBufferManager = new WriteBufferManager(config.writeBufferBytes, blockCache);
    }

    /** The application's shared memory, created from {@code appConfigs} by its first caller. */
    public static synchronized RocksDbMemory acquire(String applicationId, Map<String, ?> appConfigs) {
        RocksDbMemory memory = BY_APPLICATION.get(applicationId);
        if (memory == null) {
            memory = new RocksDbMemory(applicationId, new RocksDbMemoryConfig(appConfigs));
            BY_APPLICATION.put(applicationId, memory);
        }
        memory.references++;
        return memory;
    }

    /** Drops one reference; the last closes the native cache and write buffer manager. */
    public void release() {
        synchronized (RocksDbMemory.class) {
            if (references <= 0) {
                throw new IllegalStateException("RocksDB memory of " + applicationId + " released too often");
            }
            if (--references == 0) {
                BY_APPLICATION.remove(applicationId);
                writeBufferManager.close();
                blockCache.close();
            }
        }
    }

    public LRUCache blockCache() {
        return blockCache;
    }

    public WriteBufferManager writeBufferManager() {
        return writeBufferManager;
    }

    public RocksDbMemoryConfig config() {
        return config;
    }

    /** Bytes currently held by the shared block cache (memtable reservations included). */
    public long blockCacheUsageBytes() {
        return blockCache.getUsage();
    }
}
