package io.sluice.streams.kstream;

/**
 * A table holding the whole of a topic in every application instance, read by
 * {@code StreamsBuilder#globalTable}. Streams join it by looking values up with a key derived from each stream
 * record, so neither side needs repartitioning or co-partitioning; updates to the table never trigger output.
 * It is always materialized, in a store kept current by its own source and fed from no changelog (the topic is
 * the changelog).
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface GlobalKTable<K, V> {
    /** The name of the store to query, or {@code null} when the table was not given a store name. */
    String queryableStoreName();
}
