package io.sluice.streams.state;

/** Entries of one key's windows: the key is the window start in epoch ms. */
public interface WindowStoreIterator<V> extends KeyValueIterator<Long, V> {
}
