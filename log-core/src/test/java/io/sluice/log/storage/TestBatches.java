package io.sluice.log.storage;

import static io.sluice.log.record.RecordBatchDescriptor.*;

import io.sluice.log.record.RecordBatch;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Header-only (61-byte) magic-2 record batches for storage tests: the producer state and epoch cache read only
 * header fields, so no records are encoded; the record count and last offset delta still describe
 * {@code recordCount} records.
 */
final class TestBatches {
    private TestBatches() {
    }

    /** An idempotent data batch of {@code recordCount} records, sequences from {@code baseSequence}. */
    static RecordBatch idempotent(long producerId, int producerEpoch, int baseSequence, int recordCount,
                                  long baseOffset, long maxTimestamp) {
        return header(producerId, producerEpoch, baseSequence, recordCount, baseOffset, maxTimestamp, 0);
    }

    /** A data batch from a producer without idempotence. */
    static RecordBatch plain(int recordCount, long baseOffset) {
        return header(NO_PRODUCER_ID, NO_PRODUCER_EPOCH, NO_SEQUENCE, recordCount, baseOffset, NO_TIMESTAMP, 0);
    }

    /** A one-record control batch (transaction marker) of a transactional producer. */
    static RecordBatch marker(long producerId, int producerEpoch, long baseOffset, long maxTimestamp) {
        return header(producerId, producerEpoch, NO_SEQUENCE, 1, baseOffset, maxTimestamp,
            TRANSACTIONAL_FLAG_MASK | CONTROL_FLAG_MASK);
    }

    private static RecordBatch header(long producerId, int producerEpoch, int baseSequence, int recordCount,
                                      long baseOffset, long maxTimestamp, int attributes) {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_SIZE);
        buffer.putLong(BASE_OFFSET_OFFSET, baseOffset)
            .putInt(LENGTH_OFFSET, HEADER_SIZE - LOG_OVERHEAD)
            .putInt(PARTITION_LEADER_EPOCH_OFFSET, 0)
            .put(MAGIC_OFFSET, MAGIC_V2)
            .putShort(ATTRIBUTES_OFFSET, (short) attributes)
            .putInt(LAST_OFFSET_DELTA_OFFSET, recordCount - 1)
            .putLong(BASE_TIMESTAMP_OFFSET, maxTimestamp)
            .putLong(MAX_TIMESTAMP_OFFSET, maxTimestamp)
            .putLong(PRODUCER_ID_OFFSET, producerId)
            .putShort(PRODUCER_EPOCH_OFFSET, (short) producerEpoch)
            .putInt(BASE_SEQUENCE_OFFSET, baseSequence)
            .putInt(RECORDS_COUNT_OFFSET, recordCount);
        CRC32C crc = new CRC32C();
        crc.update(buffer.slice(ATTRIBUTES_OFFSET, HEADER_SIZE - ATTRIBUTES_OFFSET));
        buffer.putInt(CRC_OFFSET, (int) crc.getValue());
        RecordBatch batch = RecordBatch.wrap(buffer);
        batch.ensureValid();
        return batch;
    }
}
