package io.sluice.streams.processor;

import java.util.Optional;
import java.util.Set;

/**
 * Chooses the partitions a sink writes a record to, instead of the producer's partitioner. Needed when a
 * downstream consumer expects a partitioning other than by the serialized key.
 *
 * @param <K> key type
 * @param <V> value type
 */
@FunctionalInterface
public interface StreamPartitioner<K, V> {
    /**
     * @param numPartitions the sink topic's partition count
     * @return {@link Optional#empty()} to let the producer's partitioner decide, an empty set to drop the record,
     *     otherwise the partitions (each in {@code [0, numPartitions)}) to write a copy of the record to
     */
    Optional<Set<Integer>> partitions(String topic, K key, V value, int numPartitions);
}
