package io.sluice.streams.state.internals;

import io.sluice.streams.KeyValue;
import io.sluice.streams.state.KeyValueIterator;
import java.util.NoSuchElementException;

/**
 * Base of store iterators: subclasses compute the next entry (or {@code null} at the end) and release resources
 * in {@link #release()}. Using an iterator after {@link #close()} throws {@link IllegalStateException}. Not
 * thread-safe.
 */
abstract class AbstractStoreIterator<K, V> implements KeyValueIterator<K, V> {
    private KeyValue<K, V> next;
    private boolean closed;
    private boolean exhausted;
    private final String storeName;

    AbstractStoreIterator(String storeName) {
        this.storeName = storeName;
    }

    /** The next entry, or {@code null} when there is none. */
    protected abstract KeyValue<K, V> makeNext();

    protected void release() {
    }

    @Override
    public final boolean hasNext() {
        if (closed) {
            throw new IllegalStateException("Iterator of store " + storeName + " is closed");
        }
        if (next == null && !exhausted) {
            next = makeNext();
            exhausted = next == null;
        }
        return next != null;
    }

    @Override
    public final KeyValue<K, V> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        KeyValue<K, V> result = next;
        next = null;
        return result;
    }

    @Override
    public final K peekNextKey() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return next.key;
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            next = null;
            release();
        }
    }
}
