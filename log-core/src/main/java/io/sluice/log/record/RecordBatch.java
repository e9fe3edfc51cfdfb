package io.sluice.log.record;

import static io.sluice.log.record.RecordBatchDescriptor.*;

import io.sluice.log.errors.CorruptRecordException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Iterator;
import java.util.zip.CRC32C;

/**
 * A flyweight view of one record batch (magic 2) in a buffer: reads header fields in place, validates the
 * batch, and stamps the fields the broker owns (base offset, partition leader epoch, log append time).
 *
 * <p>The view covers {@code buffer[position, position + sizeInBytes())}; it never copies the batch. It is not
 * thread-safe: mutators write into the shared buffer.
 *
 * <p>{@link #records()} parses the records (decompressing them first, within a memory bound);
 * {@link #validateRecords()} is the full check a broker runs on a producer's batch before appending it.
 *
 * @see RecordBatchDescriptor for the byte layout
 */
public final class RecordBatch {
    /**
     * The default bound on a batch's uncompressed records section. Far above any sane producer batch
     * (kafka-clients defaults to 1 MiB requests), yet small enough that a decompression bomb costs little.
     */
    public static final int DEFAULT_MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024;

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
            throw corrupt("has magic " + magic()
                + ", only magic " + MAGIC_V2 + " is supported");
        }
        long stored = checksum();
        long computed = computeChecksum();
        if (stored != computed) {
            throw corrupt("is corrupt: stored CRC "
                + stored + " != computed CRC " + computed);
        }
        if (recordCount() < 0 || lastOffsetDelta() < 0) {
            throw corrupt("has record count "
                + recordCount() + " and last offset delta " + lastOffsetDelta());
        }
    }

    /** {@link #validateRecords(int)} with {@link #DEFAULT_MAX_UNCOMPRESSED_BYTES}. */
    public void validateRecords() {
        validateRecords(DEFAULT_MAX_UNCOMPRESSED_BYTES);
    }

    /**
     * The checks a broker runs on a producer's batch: {@link #ensureValid()}, then every record parses, offset
     * deltas run 0, 1, ... without gaps, the last one equals {@link #lastOffsetDelta()}, the count matches
     * {@link #recordCount()} and nothing follows the last record. Compacted batches (with offset gaps) fail
     * this on purpose; read them with {@link #records()}.
     *
     * @throws CorruptRecordException naming the base offset and the first problem found
     */
    public void validateRecords(int maxUncompressedBytes) {
        ensureValid();
        if (recordCount() == 0) {
            throw corrupt("has no records");
        }
        RecordIterator records = new RecordIterator(this, maxUncompressedBytes);
        long expectedDelta = 0;
        while (records.hasNext()) {
            long delta = records.skipNext();
            if (delta != expectedDelta) {
                throw corrupt("has offset delta " + delta + " at index " + expectedDelta + ", expected " + expectedDelta);
            }
            expectedDelta++;
        }
        if (expectedDelta - 1 != lastOffsetDelta()) {
            throw corrupt("has last offset delta " + lastOffsetDelta() + " but its last record has offset delta "
                + (expectedDelta - 1));
        }
        if (records.remainingBytes() > 0) {
            throw corrupt("has " + records.remainingBytes() + " bytes after its " + recordCount() + " records");
        }
    }

    /** {@link #records(int)} with {@link #DEFAULT_MAX_UNCOMPRESSED_BYTES}. */
    public Iterator<Record> records() {
        return records(DEFAULT_MAX_UNCOMPRESSED_BYTES);
    }

    /**
     * Iterates the batch's {@link #recordCount()} records, decompressing the records section first (at most
     * {@code maxUncompressedBytes}). Does not check the CRC: call {@link #ensureValid()} first for untrusted
     * bytes. Offset deltas may have gaps (compaction leaves them).
     *
     * @throws CorruptRecordException if the records do not parse, on creation or from {@code next()}
     */
    public Iterator<Record> records(int maxUncompressedBytes) {
        return new RecordIterator(this, maxUncompressedBytes);
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

    /** The records section: everything after the header, still compressed if the batch is. */
    ByteBuffer recordsSection() {
        return buffer.slice(RECORDS_OFFSET, buffer.limit() - RECORDS_OFFSET);
    }

    /** An exception whose message names this batch, as {@code "Record batch at offset N " + problem}. */
    CorruptRecordException corrupt(String problem) {
        return new CorruptRecordException("Record batch at offset " + baseOffset() + " " + problem);
    }

    CorruptRecordException corrupt(String problem, Throwable cause) {
        return new CorruptRecordException("Record batch at offset " + baseOffset() + " " + problem, cause);
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
        return base == NO_SEQUENCE ? NO_SEQUENCE : incrementSequence(base, lastOffsetDelta());
    }

    /** {@code sequence + delta}, wrapping from {@link Integer#MAX_VALUE} to 0 as producers do. */
    static int incrementSequence(int sequence, int delta) {
        long next = (long) sequence + delta;
        return (int) (next > Integer.MAX_VALUE ? next - Integer.MAX_VALUE - 1 : next);
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
