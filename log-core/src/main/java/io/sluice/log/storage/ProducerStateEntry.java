package io.sluice.log.storage;

import io.sluice.log.record.RecordBatchDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The idempotence state of one producer id in one partition: its latest epoch, its last few batches (to detect
 * retries and check the next sequence) and when it last wrote (for expiry). Immutable, so the owner can publish
 * a new entry per append and readers on other threads see a consistent one.
 *
 * <p>Invariant: {@code batches} holds at most {@link #NUM_BATCHES_TO_RETAIN} batches, oldest first, all written
 * with {@code producerEpoch}; a new epoch starts an empty list.
 *
 * @param producerId the producer id
 * @param producerEpoch the latest epoch seen, or {@link RecordBatchDescriptor#NO_PRODUCER_EPOCH} before any batch
 * @param batches the most recent batches of {@code producerEpoch}, oldest first
 * @param lastTimestamp the max timestamp of the producer's latest batch or marker
 */
public record ProducerStateEntry(long producerId, short producerEpoch, List<BatchMetadata> batches,
                                 long lastTimestamp) {
    /** As many batches as a producer may have in flight per partition (Kafka's limit, 5). */
    public static final int NUM_BATCHES_TO_RETAIN = 5;

    public ProducerStateEntry {
        batches = List.copyOf(batches);
        if (batches.size() > NUM_BATCHES_TO_RETAIN) {
            throw new IllegalArgumentException("Producer " + producerId + " state holds " + batches.size()
                + " batches, at most " + NUM_BATCHES_TO_RETAIN + " are retained");
        }
    }

    static ProducerStateEntry empty(long producerId) {
        return new ProducerStateEntry(producerId, RecordBatchDescriptor.NO_PRODUCER_EPOCH, List.of(),
            RecordBatchDescriptor.NO_TIMESTAMP);
    }

    /** The last sequence written in the current epoch, or {@link RecordBatchDescriptor#NO_SEQUENCE} if none. */
    public int lastSeq() {
        return batches.isEmpty() ? RecordBatchDescriptor.NO_SEQUENCE : batches.get(batches.size() - 1).lastSeq();
    }

    /** The retained batch with exactly this sequence range, if any: the batch being retried. */
    public Optional<BatchMetadata> findBatch(int firstSeq, int lastSeq) {
        return batches.stream().filter(b -> b.firstSeq() == firstSeq && b.lastSeq() == lastSeq).findFirst();
    }

    /** This entry after a data batch of {@code epoch}: a new epoch drops the old epoch's batches. */
    ProducerStateEntry withBatch(short epoch, BatchMetadata batch) {
        List<BatchMetadata> next = new ArrayList<>(NUM_BATCHES_TO_RETAIN);
        if (epoch == producerEpoch) {
            next.addAll(batches.subList(Math.max(0, batches.size() - NUM_BATCHES_TO_RETAIN + 1), batches.size()));
        }
        next.add(batch);
        return new ProducerStateEntry(producerId, epoch, next, batch.maxTimestamp());
    }

    /**
     * This entry after a control batch (transaction marker) of {@code epoch}: markers carry no sequence, so they
     * only move the epoch and the last-write time.
     */
    ProducerStateEntry withMarker(short epoch, long timestamp) {
        return new ProducerStateEntry(producerId, epoch, epoch == producerEpoch ? batches : List.of(), timestamp);
    }
}
