package io.sluice.log.record;

import io.sluice.log.errors.CorruptRecordException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Parses the {@link RecordBatch#recordCount()} records of one batch, one per {@link #next()}. The records
 * section is decompressed (bounded) when the iterator is created; uncompressed records are read in place.
 *
 * <p>Each record is checked structurally as it is parsed; batch-level checks (offset deltas, trailing bytes)
 * are left to {@link RecordBatch#validateRecords}, because compacted batches legitimately have gaps in their
 * offset deltas. Not thread-safe.
 */
final class RecordIterator implements Iterator<Record> {
    private final RecordBatch batch;
    private final ByteBuffer records;
    private final long baseOffset;
    private final long baseTimestamp;
    private final Long timestampOverride;
    private final int baseSequence;
    private final int count;
    private int index;

    RecordIterator(RecordBatch batch, int maxUncompressedBytes) {
        this.batch = batch;
        this.baseOffset = batch.baseOffset();
        this.baseTimestamp = batch.baseTimestamp();
        this.timestampOverride = batch.timestampType() == TimestampType.LOG_APPEND_TIME ? batch.maxTimestamp() : null;
        this.baseSequence = batch.baseSequence();
        this.count = batch.recordCount();
        // A count no section of this size could hold is rejected before any decompression or allocation.
        if (count < 0 || count > maxUncompressedBytes / RecordCodec.MIN_RECORD_SIZE) {
            throw batch.corrupt("declares " + count + " records, impossible within " + maxUncompressedBytes
                + " bytes");
        }
        this.records = readRecordsSection(batch, count, maxUncompressedBytes);
    }

    private static ByteBuffer readRecordsSection(RecordBatch batch, int count, int maxUncompressedBytes) {
        ByteBuffer section = batch.recordsSection();
        // An empty batch (left by compaction) may keep its codec bits but carries no compressed frame.
        if (count == 0) {
            return section;
        }
        try {
            CompressionType compression = batch.compression();
            return compression == CompressionType.NONE
                ? section
                : CompressionCodec.of(compression).decompress(section, maxUncompressedBytes);
        } catch (CorruptRecordException e) {
            throw batch.corrupt("is corrupt: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean hasNext() {
        return index < count;
    }

    @Override
    public Record next() {
        ensureAnotherRecord();
        try {
            Record record = RecordCodec.read(records, baseOffset, baseTimestamp, timestampOverride, baseSequence);
            index++;
            return record;
        } catch (CorruptRecordException | BufferUnderflowException e) {
            throw corruptRecord(e);
        }
    }

    /** Checks the next record without building it; returns its offset delta. */
    int skipNext() {
        ensureAnotherRecord();
        try {
            int offsetDelta = RecordCodec.skip(records);
            index++;
            return offsetDelta;
        } catch (CorruptRecordException | BufferUnderflowException e) {
            throw corruptRecord(e);
        }
    }

    private void ensureAnotherRecord() {
        if (!hasNext()) {
            throw new NoSuchElementException("All " + count + " records of " + batch + " were read");
        }
        if (!records.hasRemaining()) {
            throw batch.corrupt("declares " + count + " records but its records end after " + index);
        }
    }

    private CorruptRecordException corruptRecord(RuntimeException e) {
        String problem = e instanceof BufferUnderflowException ? "a field runs past the record's end" : e.getMessage();
        return batch.corrupt("has a corrupt record at index " + index + ": " + problem, e);
    }

    /** Bytes left in the records section after the records read so far. */
    int remainingBytes() {
        return records.remaining();
    }
}
