package io.sluice.streams.processor;

/** Receives changelog records, one at a time, to rebuild a store; a {@code null} value is a deletion. */
@FunctionalInterface
public interface StateRestoreCallback {
    void restore(byte[] key, byte[] value);
}
