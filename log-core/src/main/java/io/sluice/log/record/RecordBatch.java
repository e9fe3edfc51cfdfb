package io.sluice.log.record;

import static io.sluice.log.record.RecordBatchDescriptor.*;

import io.sluice.log.errors.CorruptRecordException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * A flyweight view of one record batch (magic 2) in a buffer: reads header fields in place, validates the
 * batch, and stamps the fields the broker owns (base offset, partition leader epoch, log append time).
 *
 * <p>The view covers {@code buffer[position, position + sizeInBytes())}; it never copies the batch. It is not
 * thread-safe: mutators write into the shared buffer.
 *
 * @see RecordBatchDescriptor for the byte layout
 */
public final class RecordBatch {
    private final ByteBuffer buffer;

    private RecordBatch(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    /**
     * Views the batch that starts at {@code buffer.position()}; the buffer must hold at least the whole batch
     * ({@link #LOG_OVERHEAD} plus the length field). Call {@link #ensureValid()} before trusting the contents.
     *
     * @throws CorruptRecordException if the buffer is too short for the header or for the batch length it claims
     */
    public static RecordBatch wrap(ByteBuffer buffer) {
        int remaining = buffer.remaining();
        if (remaining < HEADER_SIZE) {
            throw new CorruptRecordException("Record batch header needs " + HEADER_SIZE + " bytes, only "
                + remaining + " available");
        }
        int length = buffer.getInt(buffer.position() + LENGTH_OFFSET);
        if (length < HEADER_SIZE - LOG_OVERHEAD) {
            throw new CorruptRecordException("Record batch length " + length + " is smaller than the minimum "
                + (HEADER_SIZE - LOG_OVERHEAD));
        }
        if (length > remaining - LOG_OVERHEAD) {
            throw new CorruptRecordException("Record batch claims " + length + " bytes after its length field, only "
                + (remaining - LOG_OVERHEAD) + " available");
        }
        ByteBuffer view = buffer.slice(buffer.position(), LOG_OVERHEAD + length).order(ByteOrder.BIG_ENDIAN);
        return new RecordBatch(view);
    }

    /** Checks magic and CRC-32C; size bounds were checked by {@link #wrap}. */
    public void ensureValid() {
        if (magic() != MAGIC_V2) {
            throw new CorruptRecordException("Record batch at offset " + baseOffset() + " has magic " + magic()
                + ", only magic " + MAGIC_V2 + " is supported");
        }
        long stored = checksum();
        long computed = computeChecksum();
        if (stored != computed) {
            throw new CorruptRecordException("Record batch at offset " + baseOffset() + " is corrupt: stored CRC "
                + stored + " != computed CRC " + computed);
        }
        if (recordCount() < 0 || lastOffsetDelta() < 0) {
            throw new CorruptRecordException("Record batch at offset " + baseOffset() + " has record count "
                + recordCount() + " and last offset delta " + lastOffsetDelta());
        }
    }

    public boolean isValid() {
        try {
            ensureValid();
            return true;
        } catch (CorruptRecordException e) {
            return false;
        }
    }

    public long computeChecksum() {
        CRC32C crc = new CRC32C();
        crc.update(buffer.slice(ATTRIBUTES_OFFSET, buffer.limit() - ATTRIBUTES_OFFSET));
        return crc.getValue();
    }

    public long baseOffset() {
        return buffer.getLong(BASE_OFFSET_OFFSET);
    }

    public long lastOffset() {
        return baseOffset() + lastOffsetDelta();
    }

    /** The offset after this batch: where the next batch starts. */
    public long nextOffset() {
        return lastOffset() + 1;
    }

    public int lastOffsetDelta() {
        return buffer.getInt(LAST_OFFSET_DELTA_OFFSET);
    }

    public int sizeInBytes() {
        return buffer.limit();
    }

    public int partitionLeaderEpoch() {
        return buffer.getInt(PARTITION_LEADER_EPOCH_OFFSET);
    }

    public byte magic() {
        return buffer.get(MAGIC_OFFSET);
    }

    public long checksum() {
        return Integer.toUnsignedLong(buffer.getInt(CRC_OFFSET));
    }

    public short attributes() {
        return buffer.getShort(ATTRIBUTES_OFFSET);
    }

    public CompressionType compression() {
        return CompressionType.forId(attributes() & COMPRESSION_CODEC_MASK);
    }

    public TimestampType timestampType() {
        return (attributes() & TIMESTAMP_TYPE_MASK) == 0 ? TimestampType.CREATE_TIME : TimestampType.LOG_APPEND_TIME;
    }

    public boolean isTransactional() {
        return (attributes() & TRANSACTIONAL_FLAG_MASK) != 0;
    }

    public boolean isControlBatch() {
        return (attributes() & CONTROL_FLAG_MASK) != 0;
    }

    public boolean hasDeleteHorizon() {
        return (attributes() & DELETE_HORIZON_FLAG_MASK) != 0;
    }

    public long baseTimestamp() {
        return buffer.getLong(BASE_TIMESTAMP_OFFSET);
    }

    public long maxTimestamp() {
        return buffer.getLong(MAX_TIMESTAMP_OFFSET);
    }

    public long producerId() {
        return buffer.getLong(PRODUCER_ID_OFFSET);
    }

    public boolean hasProducerId() {
        return producerId() != NO_PRODUCER_ID;
    }

    public short producerEpoch() {
        return buffer.getShort(PRODUCER_EPOCH_OFFSET);
    }

    public int baseSequence() {
        return buffer.getInt(BASE_SEQUENCE_OFFSET);
    }

    /** The sequence of the last record; sequences wrap from {@link Integer#MAX_VALUE} to 0. */
    public int lastSequence() {
        int base = baseSequence();
        if (base == NO_SEQUENCE) {
            return NO_SEQUENCE;
        }
        long last = (long) base + lastOffsetDelta();
        return (int) (last > Integer.MAX_VALUE ? last - Integer.MAX_VALUE - 1 : last);
    }

    public int recordCount() {
        return buffer.getInt(RECORDS_COUNT_OFFSET);
    }

    /** Stamps the base offset; outside the CRC, so no checksum update is needed. */
    public void setBaseOffset(long baseOffset) {
        buffer.putLong(BASE_OFFSET_OFFSET, baseOffset);
    }

    /** Stamps the leader epoch; outside the CRC, so no checksum update is needed. */
    public void setPartitionLeaderEpoch(int epoch) {
        buffer.putInt(PARTITION_LEADER_EPOCH_OFFSET, epoch);
    }

    /** Marks the batch as LogAppendTime with the given max timestamp, and recomputes the CRC. */
    public void setLogAppendTime(long timestampMs) {
        short attributes = (short) (attributes() | TIMESTAMP_TYPE_MASK);
        buffer.putShort(ATTRIBUTES_OFFSET, attributes);
        buffer.putLong(MAX_TIMESTAMP_OFFSET, timestampMs);
        buffer.putInt(CRC_OFFSET, (int) computeChecksum());
    }

    /** A read-only view of this batch's bytes, position 0 to the batch end. */
    public ByteBuffer buffer() {
        return buffer.asReadOnlyBuffer().order(ByteOrder.BIG_ENDIAN);
    }

    @Override
    public String toString() {
        return "RecordBatch(baseOffset=" + baseOffset() + ", lastOffset=" + lastOffset() + ", size="
            + sizeInBytes() + ", epoch=" + partitionLeaderEpoch() + ", producerId=" + producerId() + ")";
    }
}
