package io.sluice.streams.processor;

import org.apache.kafka.common.TopicPartition;

/**
 * Follows the restoration of state stores from their changelogs, one changelog partition at a time: start, each
 * batch written to the store, end. As in Kafka Streams, set one per application; it is called from the stream
 * threads that restore, possibly several at once, so an implementation shared by them must be thread-safe.
 */
public interface StateRestoreListener {
    /**
     * Restoring {@code storeName} from {@code partition} begins.
     *
     * @param startingOffset the first offset restored (the checkpointed offset, or the partition's beginning)
     * @param endingOffset   the offset restoring stops before: the end of the partition when restoring began
     */
    void onRestoreStart(TopicPartition partition, String storeName, long startingOffset, long endingOffset);

    /**
     * A batch of changelog records was written to the store.
     *
     * @param batchEndOffset the offset of the batch's last record
     * @param numRestored    how many records the batch held
     */
    void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset, long numRestored);

    /** Restoring {@code storeName} from {@code partition} is complete, after {@code totalRestored} records. */
    void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored);

    /**
     * Restoring {@code storeName} from {@code partition} stopped before its end (the task was closed or the
     * restoring thread interrupted), after {@code totalRestored} records.
     */
    default void onRestoreSuspended(TopicPartition partition, String storeName, long totalRestored) {
    }
}
