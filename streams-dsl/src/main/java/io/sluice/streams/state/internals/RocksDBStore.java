package io.sluice.streams.state.internals;

import io.sluice.streams.KeyValue;
import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.StateStoreContext;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.KeyValueStore;
import io.sluice.streams.state.RocksDBConfigSetter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A key-value bytes store in one RocksDB database, kept in {@code stateDir/<store name>} (a window or session
 * segment is one of these in {@code stateDir/<store name>/<store name>.<segment start ms>}).
 *
 * <h2>Design</h2>
 * Keys and values are stored as given; RocksDB's default bytewise comparator gives the unsigned lexicographic
 * order every store promises. The write-ahead log is disabled: the changelog topic is the durable record, so a
 * crash loses at most what was written since the last {@link #flush()} (a commit), and restoration replays it.
 * {@link #flush()} therefore flushes memtables to SST files, and {@link #close()} flushes before closing, which is
 * what makes a clean close-and-reopen keep every write.
 *
 * <p>Memory: the options point at the application's shared {@link RocksDbMemory} (one block cache, one write
 * buffer manager charging memtables to it), so memory does not grow with the number of stores or segments.
 * Index and filter blocks live in the cache at high priority rather than on the heap outside it. A
 * {@link RocksDBConfigSetter} named by {@code rocksdb.config.setter} may adjust the options last.
 *
 * <p>Threading: single-threaded, owned by one task. Native resources: the database, its {@link Options},
 * {@link WriteOptions}, {@link FlushOptions}, the bloom filter and every open {@link RocksIterator} must be
 * closed, iterators first and options last; {@link #close()} does this in that order, closing iterators the
 * caller leaked. Rejected alternative: column families per segment in one database; dropping a segment would then
 * still leave its files to compaction, whereas deleting a segment's directory frees the disk at once.
 */
public final class RocksDBStore implements KeyValueStore<Bytes, byte[]> {
    private final String name;
    private final Set<AbstractStoreIterator<Bytes, byte[]>> openIterators =
        Collections.newSetFromMap(new IdentityHashMap<>());
    private File dbDir;
    private RocksDbMemory memory;
    private RocksDBConfigSetter configSetter;
    private Options options;
    private BloomFilter filter;
    private WriteOptions writeOptions;
    private FlushOptions flushOptions;
    private RocksDB db;

    public RocksDBStore(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        open(new File(context.stateDir(), name), context.applicationId(), context.appConfigs());
    }

    /** Opens (creating if missing) the database in {@code dir}. */
    void open(File dir, String applicationId, Map<String, Object> appConfigs) {
        if (db != null) {
            throw new IllegalStateException("Store " + name + " is already open");
        }
        try {
            Files.createDirectories(dir.toPath());
        } catch (IOException e) {
            throw new StoreOperationException("Cannot create state directory " + dir + " of store " + name, e);
        }
        memory = RocksDbMemory.acquire(applicationId, appConfigs);
        try {
            filter = new BloomFilter(10);
            BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(memory.blockCache())
                .setCacheIndexAndFilterBlocks(true)
                .setCacheIndexAndFilterBlocksWithHighPriority(true)
                .setPinL0FilterAndIndexBlocksInCache(true)
                .setFilterPolicy(filter);
            options = new Options()
                .setCreateIfMissing(true)
                .setTableFormatConfig(table)
                .setWriteBufferManager(memory.writeBufferManager())
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                .setKeepLogFileNum(2);
            String setterClass = memory.config().configSetterClass;
            if (!setterClass.isEmpty()) {
                configSetter = newConfigSetter(setterClass);
                configSetter.setConfig(name, options, appConfigs);
            }
            writeOptions = new WriteOptions().setDisableWAL(true);
            flushOptions = new FlushOptions().setWaitForFlush(true);
            db = RocksDB.open(options, dir.getAbsolutePath());
            dbDir = dir;
        } catch (RocksDBException | RuntimeException e) {
            closeNativeObjects();
            throw new StoreOperationException("Cannot open RocksDB store " + name + " in " + dir, e);
        }
    }

    private static RocksDBConfigSetter newConfigSetter(String className) {
        try {
            return Class.forName(className).asSubclass(RocksDBConfigSetter.class).getDeclaredConstructor()
                .newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new StoreOperationException("Cannot instantiate rocksdb.config.setter " + className, e);
        }
    }

    File directory() {
        return dbDir;
    }

    @Override
    public void flush() {
        checkOpen();
        try {
            db.flush(flushOptions);
        } catch (RocksDBException e) {
            throw new StoreOperationException("Cannot flush RocksDB store " + name, e);
        }
    }

    @Override
    public void close() {
        if (db == null) {
            return;
        }
        try {
            new ArrayList<>(openIterators).forEach(AbstractStoreIterator::close);
            db.flush(flushOptions);
        } catch (RocksDBException e) {
            throw new StoreOperationException("Cannot flush RocksDB store " + name + " on close", e);
        } finally {
            closeNativeObjects();
        }
    }

    /**
     * Closes without flushing memtables, for a store whose files are deleted next (an expired segment): a flush
     * would write SST files only to delete them, and cost a large share of a windowed aggregation's time.
     */
    void closeForDeletion() {
        if (db == null) {
            return;
        }
        try {
            new ArrayList<>(openIterators).forEach(AbstractStoreIterator::close);
        } finally {
            closeNativeObjects();
        }
    }

    private void closeNativeObjects() {
        if (db != null) {
            db.close();
            db = null;
        }
        if (configSetter != null && options != null) {
            configSetter.close(name, options);
        }
        configSetter = null;
        for (AutoCloseable resource : new AutoCloseable[] {writeOptions, flushOptions, options, filter}) {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception e) {
                    throw new StoreOperationException("Cannot close RocksDB resource of " + name, e);
                }
            }
        }
        writeOptions = null;
        flushOptions = null;
        options = null;
        filter = null;
        if (memory != null) {
            memory.release();
            memory = null;
        }
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public boolean isOpen() {
        return db != null;
    }

    private void checkOpen() {
        if (db == null) {
            throw new IllegalStateException("Store " + name + " is not open");
        }
    }

    @Override
    public byte[] get(Bytes key) {
        checkOpen();
        try {
            return db.get(key.get());
        } catch (RocksDBException e) {
            throw new StoreOperationException("Cannot read from RocksDB store " + name, e);
        }
    }

    @Override
    public void put(Bytes key, byte[] value) {
        checkOpen();
        try {
            if (value == null) {
                db.delete(writeOptions, key.get());
            } else {
                db.put(writeOptions, key.get(), value);
            }
        } catch (RocksDBException e) {
            throw new StoreOperationException("Cannot write to RocksDB store " + name, e);
        }
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] present = get(key);
        if (present == null) {
            put(key, value);
        }
        return present;
    }

    /** Writes all entries in one {@link WriteBatch}; also the restore path. */
    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        checkOpen();
        try (WriteBatch batch = new WriteBatch()) {
            for (KeyValue<Bytes, byte[]> entry : entries) {
                if (entry.value == null) {
                    batch.delete(entry.key.get());
                } else {
                    batch.put(entry.key.get(), entry.value);
                }
            }
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new StoreOperationException("Cannot write a batch to RocksDB store " + name, e);
        }
    }

    @Override
    public byte[] delete(Bytes key) {
        byte[] old = get(key);
        put(key, null);
        return old;
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return iterate(ByteOrder.get(from), ByteOrder.get(to), true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return iterate(ByteOrder.get(from), ByteOrder.get(to), false);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return iterate(null, null, true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return iterate(null, null, false);
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        byte[] prefixBytes = prefixKeySerializer.serialize(null, prefix);
        return openIterator(prefixBytes, true, key -> ByteOrder.startsWith(key, prefixBytes));
    }

    @Override
    public long approximateNumEntries() {
        checkOpen();
        try {
            return db.getLongProperty("rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            throw new StoreOperationException("Cannot read the key estimate of RocksDB store " + name, e);
        }
    }

    private KeyValueIterator<Bytes, byte[]> iterate(byte[] from, byte[] to, boolean forward) {
        if (from != null && to != null && ByteOrder.compare(from, to) > 0) {
            return openIterator(null, true, key -> false);
        }
        if (forward) {
            return openIterator(from, true, key -> to == null || ByteOrder.compare(key, to) <= 0);
        }
        return openIterator(to, false, key -> from == null || ByteOrder.compare(key, from) >= 0);
    }

    /**
     * An iterator starting at {@code seekKey} (inclusive; {@code null} for the first or last key) and running while
     * {@code inRange} holds.
     */
    private KeyValueIterator<Bytes, byte[]> openIterator(byte[] seekKey, boolean forward,
                                                 Predicate<byte[]> inRange) {
        checkOpen();
        RocksIterator rocks = db.newIterator();
        if (seekKey == null) {
            if (forward) {
                rocks.seekToFirst();
            } else {
                rocks.seekToLast();
            }
        } else if (forward) {
            rocks.seek(seekKey);
        } else {
            rocks.seekForPrev(seekKey);
        }
        AbstractStoreIterator<Bytes, byte[]> iterator = new AbstractStoreIterator<>(name) {
            private boolean first = true;

            @Override
            protected KeyValue<Bytes, byte[]> makeNext() {
                if (!first && rocks.isValid()) {
                    if (forward) {
                        rocks.next();
                    } else {
                        rocks.prev();
                    }
                }
                first = false;
                if (!rocks.isValid()) {
                    return null;
                }
                byte[] key = rocks.key();
                return inRange.test(key) ? KeyValue.pair(Bytes.wrap(key), rocks.value()) : null;
            }

            @Override
            protected void release() {
                openIterators.remove(this);
                rocks.close();
            }
        };
        openIterators.add(iterator);
        return iterator;
    }
}
