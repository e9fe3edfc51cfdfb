package io.sluice.log.record;

import static io.sluice.log.record.RecordBatchDescriptor.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Iterator;
import java.util.function.Predicate;

/**
 * Writes one record batch (magic 2): set the header fields, append records in offset order, then
 * {@link #build()}. The result is byte-identical to kafka-clients' {@code MemoryRecordsBuilder} for
 * uncompressed batches given the same inputs (compressed bytes depend on codec settings, but each side reads
 * the other's).
 *
 * <p>Header rules, as kafka-clients applies them: the base timestamp is the delete horizon if one is set, else
 * the first record's timestamp; the max timestamp is the largest record timestamp, or the log append time for
 * LogAppendTime batches; the last offset delta is the last record's.
 *
 * <p>{@link #copyingHeaderOf} starts a builder that rewrites an existing batch (log compaction): it keeps the
 * source's base offset, producer fields, flags, codec and leader epoch, and its last offset delta even when
 * the last records are dropped, so the batch still spans the same offsets and the producer's last sequence
 * (base sequence + last offset delta) survives. Such a builder may also build an empty batch (zero records)
 * to keep that producer state when every record is dropped; an empty batch is written uncompressed, as
 * there is nothing to compress.
 *
 * <p>Not thread-safe. {@code build()} may be called more than once; each call returns a new buffer holding the
 * records appended so far.
 */
public final class RecordBatchBuilder {
    private static final int INITIAL_RECORDS_CAPACITY = 256;

    private final long baseOffset;
    private CompressionType compression = CompressionType.NONE;
    private TimestampType timestampType = TimestampType.CREATE_TIME;
    private long logAppendTimeMs = NO_TIMESTAMP;
    private long producerId = NO_PRODUCER_ID;
    private short producerEpoch = NO_PRODUCER_EPOCH;
    private int baseSequence = NO_SEQUENCE;
    private boolean transactional;
    private boolean controlBatch;
    private int partitionLeaderEpoch = NO_PARTITION_LEADER_EPOCH;
    private boolean hasDeleteHorizon;
    private long baseTimestamp = NO_TIMESTAMP;

    /** Set for copies: the source's last offset delta (never shrunk) and max timestamp (used if empty). */
    private int sourceLastOffsetDelta = -1;
    private long sourceMaxTimestamp = NO_TIMESTAMP;
    private boolean mayBeEmpty;

    private ByteBuffer records = ByteBuffer.allocate(INITIAL_RECORDS_CAPACITY);
    private int recordCount;
    private int lastOffsetDelta = -1;
    private long maxTimestamp = NO_TIMESTAMP;

    public RecordBatchBuilder(long baseOffset) {
        this.baseOffset = baseOffset;
    }

    /** A builder for a copy of {@code source} holding the records appended to it (possibly none). */
    public static RecordBatchBuilder copyingHeaderOf(RecordBatch source) {
        RecordBatchBuilder builder = new RecordBatchBuilder(source.baseOffset())
            .compression(source.compression())
            .producer(source.producerId(), source.producerEpoch(), source.baseSequence())
            .transactional(source.isTransactional())
            .controlBatch(source.isControlBatch())
            .partitionLeaderEpoch(source.partitionLeaderEpoch());
        if (source.timestampType() == TimestampType.LOG_APPEND_TIME) {
            builder.logAppendTime(source.maxTimestamp());
        }
        if (source.hasDeleteHorizon()) {
            builder.deleteHorizonMs(source.baseTimestamp());
        }
        builder.sourceLastOffsetDelta = source.lastOffsetDelta();
        builder.sourceMaxTimestamp = source.maxTimestamp();
        builder.mayBeEmpty = true;
        return builder;
    }

    /** {@code source} rebuilt with only the records {@code retain} accepts; see {@link #copyingHeaderOf}. */
    public static ByteBuffer filter(RecordBatch source, Predicate<? super Record> retain) {
        RecordBatchBuilder builder = copyingHeaderOf(source);
        for (Iterator<Record> it = source.records(); it.hasNext(); ) {
            Record record = it.next();
            if (retain.test(record)) {
                builder.append(record);
            }
        }
        return builder.build();
    }

    public RecordBatchBuilder compression(CompressionType compression) {
        this.compression = compression;
        return this;
    }

    /** Makes this a LogAppendTime batch whose max timestamp (the time readers see on every record) is given. */
    public RecordBatchBuilder logAppendTime(long timestampMs) {
        this.timestampType = TimestampType.LOG_APPEND_TIME;
        this.logAppendTimeMs = timestampMs;
        return this;
    }

    public RecordBatchBuilder producer(long producerId, short producerEpoch, int baseSequence) {
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.baseSequence = baseSequence;
        return this;
    }

    public RecordBatchBuilder transactional(boolean transactional) {
        this.transactional = transactional;
        return this;
    }

    public RecordBatchBuilder controlBatch(boolean controlBatch) {
        this.controlBatch = controlBatch;
        return this;
    }

    public RecordBatchBuilder partitionLeaderEpoch(int partitionLeaderEpoch) {
        this.partitionLeaderEpoch = partitionLeaderEpoch;
        return this;
    }

    /**
     * Sets the delete-horizon flag; the base timestamp then holds the horizon and record timestamps are stored
     * relative to it. Must come before the first record, whose delta depends on it.
     */
    public RecordBatchBuilder deleteHorizonMs(long deleteHorizonMs) {
        if (recordCount > 0) {
            throw new IllegalStateException("The delete horizon must be set before the first record");
        }
        this.hasDeleteHorizon = true;
        this.baseTimestamp = deleteHorizonMs;
        return this;
    }

    /** Appends a record at the next offset; key, value and header values may be null. */
    public RecordBatchBuilder append(long timestamp, byte[] key, byte[] value, Header... headers) {
        return append(timestamp, key == null ? null : ByteBuffer.wrap(key), value == null ? null : ByteBuffer.wrap(value),
            headers);
    }

    /** Appends a record at the next offset; the key's and value's remaining bytes are copied, not consumed. */
    public RecordBatchBuilder append(long timestamp, ByteBuffer key, ByteBuffer value, Header... headers) {
        return appendWithOffset(baseOffset + lastOffsetDelta + 1, timestamp, key, value, headers);
    }

    /** Appends a copy of {@code record} at its own offset, keeping its timestamp. */
    public RecordBatchBuilder append(Record record) {
        return appendWithOffset(record.offset(), record.timestamp(), record.key(), record.value(), record.headers());
    }

    /** Appends a record at {@code offset}, which must exceed every offset appended so far. */
    public RecordBatchBuilder appendWithOffset(long offset, long timestamp, ByteBuffer key, ByteBuffer value,
                                               Header... headers) {
        long offsetDelta = offset - baseOffset;
        if (offsetDelta <= lastOffsetDelta || offsetDelta > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Offset " + offset + " is not after the last offset "
                + (baseOffset + lastOffsetDelta) + " within a batch at base offset " + baseOffset);
        }
        if (recordCount == 0 && !hasDeleteHorizon) {
            baseTimestamp = timestamp;
        }
        byte[][] headerKeys = RecordCodec.encodeHeaderKeys(headers);
        long timestampDelta = timestamp - baseTimestamp;
        int size = RecordCodec.sizeInBytes((int) offsetDelta, timestampDelta, key, value, headerKeys, headers);
        ensureCapacity(size);
        RecordCodec.write(records, (int) offsetDelta, timestampDelta, key, value, headerKeys, headers);
        recordCount++;
        lastOffsetDelta = (int) offsetDelta;
        maxTimestamp = Math.max(maxTimestamp, timestamp);
        return this;
    }

    /**
     * The batch, position 0 and limit its size, CRC set.
     *
     * @throws IllegalStateException if no record was appended to a builder that is not a copy
     */
    public ByteBuffer build() {
        if (recordCount == 0 && !mayBeEmpty) {
            throw new IllegalStateException("A batch needs at least one record; only a copy may be empty");
        }
        CompressionType codec = recordCount == 0 ? CompressionType.NONE : compression;
        ByteBuffer batch = codec == CompressionType.NONE ? uncompressedBatch() : compressedBatch(codec);
        writeHeader(batch, codec);
        return batch;
    }

    private ByteBuffer uncompressedBatch() {
        ByteBuffer batch = ByteBuffer.allocate(HEADER_SIZE + records.position());
        batch.put(HEADER_SIZE, records, 0, records.position());
        return batch;
    }

    private ByteBuffer compressedBatch(CompressionType codec) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream(HEADER_SIZE + records.position() / 2);
        sink.write(new byte[HEADER_SIZE], 0, HEADER_SIZE);
        try (OutputStream out = CompressionCodec.of(codec).compressing(sink)) {
            out.write(records.array(), records.arrayOffset(), records.position());
        } catch (IOException e) {
            // Only the codec's own machinery can fail here: the sink is in memory.
            throw new UncheckedIOException("Compressing records with " + codec.configName + " failed", e);
        }
        return ByteBuffer.wrap(sink.toByteArray());
    }

    private void writeHeader(ByteBuffer batch, CompressionType codec) {
        boolean empty = recordCount == 0;
        long batchMaxTimestamp = timestampType == TimestampType.LOG_APPEND_TIME ? logAppendTimeMs
            : empty ? sourceMaxTimestamp : maxTimestamp;
        // An empty copy has no first record to take a base timestamp from; like kafka-clients we use the max.
        long batchBaseTimestamp = empty && !hasDeleteHorizon ? sourceMaxTimestamp : baseTimestamp;
        batch.order(ByteOrder.BIG_ENDIAN)
            .putLong(BASE_OFFSET_OFFSET, baseOffset)
            .putInt(LENGTH_OFFSET, batch.limit() - LOG_OVERHEAD)
            .putInt(PARTITION_LEADER_EPOCH_OFFSET, partitionLeaderEpoch)
            .put(MAGIC_OFFSET, MAGIC_V2)
            .putShort(ATTRIBUTES_OFFSET, attributes(codec))
            .putInt(LAST_OFFSET_DELTA_OFFSET, Math.max(lastOffsetDelta, sourceLastOffsetDelta))
            .putLong(BASE_TIMESTAMP_OFFSET, batchBaseTimestamp)
            .putLong(MAX_TIMESTAMP_OFFSET, batchMaxTimestamp)
            .putLong(PRODUCER_ID_OFFSET, producerId)
            .putShort(PRODUCER_EPOCH_OFFSET, producerEpoch)
            .putInt(BASE_SEQUENCE_OFFSET, baseSequence)
            .putInt(RECORDS_COUNT_OFFSET, recordCount);
        batch.putInt(CRC_OFFSET, (int) RecordBatch.wrap(batch).computeChecksum());
    }

    private short attributes(CompressionType codec) {
        int attributes = codec.id;
        if (timestampType == TimestampType.LOG_APPEND_TIME) {
            attributes |= TIMESTAMP_TYPE_MASK;
        }
        if (transactional) {
            attributes |= TRANSACTIONAL_FLAG_MASK;
        }
        if (controlBatch) {
            attributes |= CONTROL_FLAG_MASK;
        }
        if (hasDeleteHorizon) {
            attributes |= DELETE_HORIZON_FLAG_MASK;
        }
        return (short) attributes;
    }

    private void ensureCapacity(int bytes) {
        if (records.remaining() < bytes) {
            long grown = Math.max(2L * records.capacity(), (long) records.position() + bytes);
            if (grown > Integer.MAX_VALUE - HEADER_SIZE) {
                throw new IllegalStateException("Records of one batch cannot exceed 2 GiB");
            }
            ByteBuffer larger = ByteBuffer.allocate((int) grown);
            larger.put(records.flip());
            records = larger;
        }
    }
}
