package io.sluice.log.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.utils.ByteBufferOutputStream;

/** kafka-clients 4.3.1 as the reference writer and reader of record batch v2; test scope only. */
final class KafkaReference {
    private KafkaReference() {
    }

    static ByteBuffer build(BatchSpec spec, CompressionType compression, List<TestRecord> inputs) {
        MemoryRecordsBuilder builder = new MemoryRecordsBuilder(new ByteBufferOutputStream(1024),
            RecordBatchDescriptor.MAGIC_V2, Compression.of(compression.configName).build(),
            spec.isLogAppendTime() ? org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME
                : org.apache.kafka.common.record.TimestampType.CREATE_TIME,
            spec.baseOffset(), spec.logAppendTimeMs(), spec.producerId(), spec.producerEpoch(), spec.baseSequence(),
            spec.transactional(), false, spec.partitionLeaderEpoch(), Integer.MAX_VALUE, spec.deleteHorizonMs());
        for (TestRecord input : inputs) {
            builder.append(input.timestamp(), input.key(), input.value(), headers(input.headers()));
        }
        return builder.build().buffer();
    }

    static org.apache.kafka.common.header.Header[] headers(List<Header> headers) {
        return headers.stream().map(h -> new RecordHeader(h.key(), h.value()))
            .toArray(org.apache.kafka.common.header.Header[]::new);
    }

    /** Parses a buffer holding exactly one batch with kafka-clients, after its {@code ensureValid()}. */
    static ParsedBatch parse(ByteBuffer buffer) {
        List<MutableRecordBatch> batches = new ArrayList<>();
        MemoryRecords.readableRecords(buffer.duplicate()).batches().forEach(batches::add);
        assertThat(batches).hasSize(1);
        MutableRecordBatch batch = batches.get(0);
        batch.ensureValid();
        List<ParsedBatch.ParsedRecord> records = new ArrayList<>();
        for (org.apache.kafka.common.record.internal.Record record : batch) {
            List<String> headers = new ArrayList<>();
            for (org.apache.kafka.common.header.Header header : record.headers()) {
                headers.add(ParsedBatch.header(header.key(), header.value()));
            }
            records.add(new ParsedBatch.ParsedRecord(record.offset(), record.timestamp(), record.sequence(),
                ParsedBatch.hex(record.key()), ParsedBatch.hex(record.value()), headers));
        }
        return new ParsedBatch(batch.baseOffset(), batch.lastOffset(), batch.partitionLeaderEpoch(),
            batch.compressionType().name,
            batch.timestampType() == org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME,
            batch.isTransactional(), batch.isControlBatch(), batch.producerId(), batch.producerEpoch(),
            batch.baseSequence(), batch.countOrNull(), batch.maxTimestamp(),
            batch.deleteHorizonMs().isPresent() ? batch.deleteHorizonMs().getAsLong() : null, records);
    }
}
