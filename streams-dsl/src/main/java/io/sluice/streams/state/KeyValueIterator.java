package io.sluice.streams.state;

import io.sluice.streams.KeyValue;
import java.io.Closeable;
import java.util.Iterator;

/**
 * An iterator over store entries that holds store resources (a RocksDB iterator, a snapshot) until
 * {@link #close()}: always use it in try-with-resources. Not thread-safe; used by the thread that opened it.
 */
public interface KeyValueIterator<K, V> extends Iterator<KeyValue<K, V>>, Closeable {
    @Override
    void close();

    /** The key of the next entry without advancing. @throws java.util.NoSuchElementException at the end */
    K peekNextKey();
}
