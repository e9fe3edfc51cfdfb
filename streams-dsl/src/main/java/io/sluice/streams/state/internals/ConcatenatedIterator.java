package io.sluice.streams.state.internals;

import io.sluice.streams.KeyValue;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.WindowStoreIterator;
import java.util.List;

/**
 * The iterators of several stores, one after the other; closing it closes all of them. Single-threaded, like any
 * store iterator. {@link Windows} is the same for one key's windows.
 */
class ConcatenatedIterator<K, V> extends AbstractStoreIterator<K, V> {
    private final List<? extends KeyValueIterator<K, V>> parts;
    private int current;

    ConcatenatedIterator(String storeName, List<? extends KeyValueIterator<K, V>> parts) {
        super(storeName);
        this.parts = parts;
    }

    @Override
    protected KeyValue<K, V> makeNext() {
        while (current < parts.size()) {
            KeyValueIterator<K, V> part = parts.get(current);
            if (part.hasNext()) {
                return part.next();
            }
            current++;
        }
        return null;
    }

    @Override
    protected void release() {
        parts.forEach(KeyValueIterator::close);
    }

    /** One key's windows from several stores. */
    static final class Windows<V> extends ConcatenatedIterator<Long, V> implements WindowStoreIterator<V> {
        Windows(String storeName, List<WindowStoreIterator<V>> parts) {
            super(storeName, parts);
        }
    }
}
