package io.sluice.streams.state.internals;

import io.sluice.streams.KeyValue;
import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.StateStoreContext;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.KeyValueStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;

/**
 * A key-value bytes store on a {@link ConcurrentSkipListMap}, ordered like RocksDB (unsigned lexicographic key
 * bytes, which is {@link Bytes#compareTo}). Not persistent: a restart restores it from its changelog.
 *
 * <p>Threading: writes come from the owning task's thread. The map itself is concurrent, so read-only queries
 * from other threads see a consistent entry per key; iterators are weakly consistent (they may or may not
 * reflect writes made after they were opened).
 */
public final class InMemoryKeyValueStore implements KeyValueStore<Bytes, byte[]> {
    private final String name;
    private final ConcurrentSkipListMap<Bytes, byte[]> map = new ConcurrentSkipListMap<>();
    private final Set<AbstractStoreIterator<Bytes, byte[]>> openIterators =
        Collections.newSetFromMap(Collections.synchronizedMap(new IdentityHashMap<>()));
    private volatile boolean open;

    public InMemoryKeyValueStore(String name) {
        this.name = name;
    }

    /** Opens the store without a task context (used for in-memory segments). */
    void open() {
        open = true;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        open();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        open = false;
        List<AbstractStoreIterator<Bytes, byte[]>> toClose;
        synchronized (openIterators) {
            toClose = new ArrayList<>(openIterators);
        }
        toClose.forEach(AbstractStoreIterator::close);
        map.clear();
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    private void checkOpen() {
        if (!open) {
            throw new IllegalStateException("Store " + name + " is not open");
        }
    }

    @Override
    public byte[] get(Bytes key) {
        checkOpen();
        return map.get(key);
    }

    @Override
    public void put(Bytes key, byte[] value) {
        checkOpen();
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
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

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        entries.forEach(entry -> put(entry.key, entry.value));
    }

    @Override
    public byte[] delete(Bytes key) {
        checkOpen();
        return map.remove(key);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return iterate(from, to, true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return iterate(from, to, false);
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
        checkOpen();
        byte[] prefixBytes = prefixKeySerializer.serialize(null, prefix);
        Bytes from = Bytes.wrap(prefixBytes);
        NavigableMap<Bytes, byte[]> view = map.tailMap(from, true);
        return track(view.entrySet().iterator(), key -> ByteOrder.startsWith(key.get(), prefixBytes));
    }

    @Override
    public long approximateNumEntries() {
        checkOpen();
        return map.size();
    }

    private KeyValueIterator<Bytes, byte[]> iterate(Bytes from, Bytes to, boolean forward) {
        checkOpen();
        if (ByteOrder.isEmptyRange(from, to)) {
            return track(Collections.emptyIterator(), key -> true);
        }
        NavigableMap<Bytes, byte[]> view = map;
        if (from != null && to != null) {
            view = map.subMap(from, true, to, true);
        } else if (from != null) {
            view = map.tailMap(from, true);
        } else if (to != null) {
            view = map.headMap(to, true);
        }
        return track((forward ? view : view.descendingMap()).entrySet().iterator(), key -> true);
    }

    private KeyValueIterator<Bytes, byte[]> track(Iterator<Map.Entry<Bytes, byte[]>> entries,
                                                  java.util.function.Predicate<Bytes> stillInRange) {
        AbstractStoreIterator<Bytes, byte[]> iterator = new AbstractStoreIterator<>(name) {
            @Override
            protected KeyValue<Bytes, byte[]> makeNext() {
                if (!entries.hasNext()) {
                    return null;
                }
                Map.Entry<Bytes, byte[]> entry = entries.next();
                return stillInRange.test(entry.getKey()) ? KeyValue.pair(entry.getKey(), entry.getValue()) : null;
            }

            @Override
            protected void release() {
                openIterators.remove(this);
            }
        };
        openIterators.add(iterator);
        return iterator;
    }
}
