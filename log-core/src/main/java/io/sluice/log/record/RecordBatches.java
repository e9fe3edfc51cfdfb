package io.sluice.log.record;

import io.sluice.log.errors.CorruptRecordException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The consecutive record batches in a buffer (a fetch response's records, a segment slice, a produce
 * request's records), from its position to its limit, each {@link RecordBatch#wrap wrapped} in place.
 *
 * <p>Iteration ends cleanly exactly at the limit; bytes that start a batch but do not hold all of it (a
 * truncated tail, as a crash or a size-limited read leaves) make {@code next()} throw
 * {@link CorruptRecordException}. Batches are only framed, not validated: call
 * {@link RecordBatch#ensureValid()} on each as needed. The buffer's position and limit are never changed;
 * each {@link #iterator()} starts afresh. Not thread-safe if the buffer is written concurrently.
 */
public final class RecordBatches implements Iterable<RecordBatch> {
    private final ByteBuffer buffer;

    private RecordBatches(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    public static RecordBatches of(ByteBuffer buffer) {
        return new RecordBatches(buffer.duplicate());
    }

    /**
     * The complete batches at the start of {@code buffer}, ignoring a cut-off last one: what a consumer does with
     * a fetch whose byte limit ended mid-batch (Kafka's protocol allows that).
     */
    public static RecordBatches completeBatchesOf(ByteBuffer buffer) {
        ByteBuffer whole = buffer.duplicate();
        int end = whole.position();
        while (whole.limit() - end >= RecordBatchDescriptor.LOG_OVERHEAD) {
            int size = RecordBatchDescriptor.LOG_OVERHEAD + whole.getInt(end + RecordBatchDescriptor.LENGTH_OFFSET);
            if (size < RecordBatchDescriptor.HEADER_SIZE || size > whole.limit() - end) {
                break;
            }
            end += size;
        }
        return new RecordBatches(whole.limit(end));
    }

    @Override
    public Iterator<RecordBatch> iterator() {
        ByteBuffer remaining = buffer.duplicate();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return remaining.hasRemaining();
            }

            @Override
            public RecordBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("No batch after position " + remaining.position());
                }
                RecordBatch batch;
                try {
                    batch = RecordBatch.wrap(remaining);
                } catch (CorruptRecordException e) {
                    throw new CorruptRecordException("Truncated record batch at position " + remaining.position()
                        + ": " + e.getMessage(), e);
                }
                remaining.position(remaining.position() + batch.sizeInBytes());
                return batch;
            }
        };
    }
}
