package io.sluice.log.record;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * Every field of a batch and its records as plain values, so that what our reader, kafka-clients' reader and
 * the test's expectation say about a batch compare with one {@code isEqualTo} (and print readably on failure).
 * Byte fields are hex strings, null for null.
 */
record ParsedBatch(long baseOffset, long lastOffset, int partitionLeaderEpoch, String compression,
                   boolean logAppendTime, boolean transactional, boolean control, long producerId,
                   short producerEpoch, int baseSequence, int recordCount, long maxTimestamp,
                   Long deleteHorizonMs, List<ParsedRecord> records) {

    record ParsedRecord(long offset, long timestamp, int sequence, String key, String value, List<String> headers) {
    }

    static String hex(byte[] bytes) {
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }

    static String hex(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return hex(bytes);
    }

    static String header(String key, byte[] value) {
        return key + "=" + hex(value);
    }

    /** What a reader must see in a batch built from {@code inputs} with {@code spec}. */
    static ParsedBatch expected(BatchSpec spec, CompressionType compression, List<TestRecord> inputs) {
        List<ParsedRecord> records = new ArrayList<>();
        long maxTimestamp = RecordBatchDescriptor.NO_TIMESTAMP;
        for (int i = 0; i < inputs.size(); i++) {
            TestRecord input = inputs.get(i);
            maxTimestamp = Math.max(maxTimestamp, input.timestamp());
            int sequence = spec.baseSequence() == RecordBatchDescriptor.NO_SEQUENCE
                ? RecordBatchDescriptor.NO_SEQUENCE
                : RecordBatch.incrementSequence(spec.baseSequence(), i);
            records.add(new ParsedRecord(spec.baseOffset() + i,
                spec.isLogAppendTime() ? spec.logAppendTimeMs() : input.timestamp(), sequence,
                hex(input.key()), hex(input.value()),
                input.headers().stream().map(h -> header(h.key(), h.value())).toList()));
        }
        return new ParsedBatch(spec.baseOffset(), spec.baseOffset() + inputs.size() - 1, spec.partitionLeaderEpoch(),
            compression.configName, spec.isLogAppendTime(), spec.transactional(), false, spec.producerId(),
            spec.producerEpoch(), spec.baseSequence(), inputs.size(),
            spec.isLogAppendTime() ? spec.logAppendTimeMs() : maxTimestamp,
            spec.hasDeleteHorizon() ? spec.deleteHorizonMs() : null, records);
    }

    /** Parses a single batch with our reader, after our full validation. */
    static ParsedBatch withOurs(ByteBuffer buffer) {
        RecordBatch batch = RecordBatch.wrap(buffer);
        batch.validateRecords();
        List<ParsedRecord> records = new ArrayList<>();
        for (Iterator<Record> it = batch.records(); it.hasNext(); ) {
            Record record = it.next();
            List<String> headers = new ArrayList<>();
            for (Header header : record.headers()) {
                headers.add(header(header.key(), header.value()));
            }
            records.add(new ParsedRecord(record.offset(), record.timestamp(), record.sequence(), hex(record.key()),
                hex(record.value()), headers));
        }
        return new ParsedBatch(batch.baseOffset(), batch.lastOffset(), batch.partitionLeaderEpoch(),
            batch.compression().configName, batch.timestampType() == TimestampType.LOG_APPEND_TIME,
            batch.isTransactional(), batch.isControlBatch(), batch.producerId(), batch.producerEpoch(),
            batch.baseSequence(), batch.recordCount(), batch.maxTimestamp(),
            batch.hasDeleteHorizon() ? batch.baseTimestamp() : null, records);
    }
}
