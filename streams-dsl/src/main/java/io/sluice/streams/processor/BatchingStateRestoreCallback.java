package io.sluice.streams.processor;

import io.sluice.streams.KeyValue;
import java.util.Collection;

/**
 * A {@link StateRestoreCallback} that takes changelog records a batch at a time, so a store can apply them in one
 * write (a RocksDB {@code WriteBatch}). Records are in changelog order; a {@code null} value is a deletion.
 */
public interface BatchingStateRestoreCallback extends StateRestoreCallback {
    void restoreAll(Collection<KeyValue<byte[], byte[]>> records);

    @Override
    default void restore(byte[] key, byte[] value) {
        restoreAll(java.util.List.of(KeyValue.pair(key, value)));
    }
}
