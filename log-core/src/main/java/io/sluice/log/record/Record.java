package io.sluice.log.record;

import java.nio.ByteBuffer;

/**
 * One record of a batch, with its batch-relative fields resolved to absolute values: offset = base offset +
 * offset delta; timestamp = base timestamp + timestamp delta, or the batch's max timestamp when the batch is
 * LogAppendTime (the broker stamps only the header, so the deltas written by the producer are ignored);
 * sequence = base sequence + offset delta (wrapping at {@link Integer#MAX_VALUE}), or
 * {@link RecordBatchDescriptor#NO_SEQUENCE} when the batch has none.
 *
 * <p>Key and value are read-only views into the batch (or into its decompressed records), valid as long as
 * that memory is; each accessor call returns a fresh view, so reading one does not disturb another reader.
 * Instances are immutable and safe to share once the underlying buffer is no longer written.
 *
 * @see RecordCodec for the byte layout
 */
public final class Record {
    private final long offset;
    private final long timestamp;
    private final int sequence;
    private final ByteBuffer key;
    private final ByteBuffer value;
    private final Header[] headers;

    Record(long offset, long timestamp, int sequence, ByteBuffer key, ByteBuffer value, Header[] headers) {
        this.offset = offset;
        this.timestamp = timestamp;
        this.sequence = sequence;
        this.key = key;
        this.value = value;
        this.headers = headers;
    }

    public long offset() {
        return offset;
    }

    public long timestamp() {
        return timestamp;
    }

    public int sequence() {
        return sequence;
    }

    /** The key bytes (position 0 to limit), or null for a null key. */
    public ByteBuffer key() {
        return key == null ? null : key.asReadOnlyBuffer();
    }

    /** The value bytes (position 0 to limit), or null for a tombstone. */
    public ByteBuffer value() {
        return value == null ? null : value.asReadOnlyBuffer();
    }

    /** A copy of the headers array, in wire order. */
    public Header[] headers() {
        return headers.clone();
    }

    @Override
    public String toString() {
        return "Record(offset=" + offset + ", timestamp=" + timestamp + ", key="
            + (key == null ? "null" : key.remaining() + " bytes") + ", value="
            + (value == null ? "null" : value.remaining() + " bytes") + ", headers=" + headers.length + ")";
    }
}
