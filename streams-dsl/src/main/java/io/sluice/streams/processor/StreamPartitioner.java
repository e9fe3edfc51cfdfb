package io.sluice.streams.processor;

import java.util.Optional;
import java.util.Set;

/** Chooses the partitions a sink writes a record to. */
@FunctionalInterface
public interface StreamPartitioner<K, V> {
    /**
     * @return the partitions to write to; empty to use the producer's default partitioning, an empty set to drop
     *     the record
     */
    Optional<Set<Integer>> partitions(String topic, K key, V value, int numPartitions);
}
