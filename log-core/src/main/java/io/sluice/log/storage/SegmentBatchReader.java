package io.sluice.log.storage;

import io.sluice.log.errors.CorruptRecordException;
import io.sluice.log.record.RecordBatch;
import io.sluice.log.record.RecordBatchDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads the record batches of a segment file in order, from a start position to an end position, with buffered
 * reads. Each batch is validated (size, magic, CRC-32C) when {@code validate} is set. A bad batch stops the
 * iteration with {@link CorruptRecordException}; {@link #position()} then says where the good data ends.
 *
 * <p>Not thread-safe; one reader per scan. The file must not be truncated below {@code end} during the scan.
 */
final class SegmentBatchReader {
    private static final int DEFAULT_BUFFER_BYTES = 1 << 20;

    private final FileChannel channel;
    private final long end;
    private final boolean validate;
    private ByteBuffer buffer;
    private long bufferStart;
    private long position;

    SegmentBatchReader(FileChannel channel, long start, long end, boolean validate) {
        this.channel = channel;
        this.position = start;
        this.end = end;
        this.validate = validate;
        this.buffer = ByteBuffer.allocate(0);
        this.bufferStart = start;
    }

    /** The file position of the next batch: after a failure, the end of the last good batch. */
    long position() {
        return position;
    }

    /**
     * The next batch, as a view valid until the next call, or {@code null} at {@code end}.
     *
     * @throws CorruptRecordException on a torn, oversized or corrupt batch, with the file position
     */
    RecordBatch next() throws IOException {
        if (position >= end) {
            return null;
        }
        long remainingInFile = end - position;
        if (remainingInFile < RecordBatchDescriptor.HEADER_SIZE) {
            throw new CorruptRecordException("Torn batch header at position " + position + ": only "
                + remainingInFile + " bytes left");
        }
        fill(RecordBatchDescriptor.LOG_OVERHEAD);
        int length = buffer.getInt((int) (position - bufferStart) + RecordBatchDescriptor.LENGTH_OFFSET);
        long batchSize = (long) RecordBatchDescriptor.LOG_OVERHEAD + length;
        if (length < RecordBatchDescriptor.HEADER_SIZE - RecordBatchDescriptor.LOG_OVERHEAD
            || batchSize > remainingInFile) {
            throw new CorruptRecordException("Invalid batch length " + length + " at position " + position
                + " (" + remainingInFile + " bytes left in the file)");
        }
        fill((int) batchSize);
        ByteBuffer view = buffer.duplicate();
        view.position((int) (position - bufferStart)).limit((int) (position - bufferStart + batchSize));
        RecordBatch batch = RecordBatch.wrap(view);
        if (validate) {
            try {
                batch.ensureValid();
            } catch (CorruptRecordException e) {
                throw new CorruptRecordException(e.getMessage() + " (file position " + position + ")", e);
            }
        }
        position += batchSize;
        return batch;
    }

    /** Ensures {@code bytes} bytes from {@code position} are in the buffer. */
    private void fill(int bytes) throws IOException {
        long offsetInBuffer = position - bufferStart;
        if (offsetInBuffer >= 0 && offsetInBuffer + bytes <= buffer.limit()) {
            return;
        }
        int capacity = Math.max(bytes, DEFAULT_BUFFER_BYTES);
        if (buffer.capacity() < capacity) {
            buffer = ByteBuffer.allocate(capacity);
        }
        buffer.clear();
        int toRead = (int) Math.min(buffer.capacity(), end - position);
        buffer.limit(toRead);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new CorruptRecordException("File ended at position " + (position + buffer.position())
                    + " before the expected end " + end);
            }
        }
        buffer.flip();
        bufferStart = position;
    }
}
