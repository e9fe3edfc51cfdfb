package io.sluice.log.record;

import static io.sluice.log.record.RecordBatchDescriptor.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.log.errors.CorruptRecordException;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What {@link RecordBatch#wrap}, {@code ensureValid} and {@code validateRecords} refuse, and how they say so. */
class RecordBatchValidationTest {
    private static final long BASE_OFFSET = 1_000L;

    @Test
    void rejectsAFlippedByteWithACrcFailureNamingTheBaseOffset() {
        ByteBuffer batch = threeRecords(CompressionType.NONE);
        batch.put(HEADER_SIZE + 5, (byte) (batch.get(HEADER_SIZE + 5) ^ 0x01));

        assertThatThrownBy(() -> RecordBatch.wrap(batch).ensureValid())
            .isInstanceOf(CorruptRecordException.class)
            .hasMessageContaining("offset 1000").hasMessageContaining("CRC");
    }

    @Test
    void rejectsAWrongMagic() {
        ByteBuffer batch = threeRecords(CompressionType.NONE);
        batch.put(MAGIC_OFFSET, (byte) 1);

        assertThatThrownBy(() -> RecordBatch.wrap(batch).validateRecords())
            .isInstanceOf(CorruptRecordException.class).hasMessageContaining("magic 1");
    }

    @Test
    void rejectsATruncatedBatch() {
        ByteBuffer batch = threeRecords(CompressionType.NONE);
        ByteBuffer truncated = batch.slice(0, batch.limit() - 1);

        assertThatThrownBy(() -> RecordBatch.wrap(truncated))
            .isInstanceOf(CorruptRecordException.class).hasMessageContaining("only " + (truncated.limit() - 12));
    }

    @Test
    void rejectsALengthFieldSmallerThanAHeader() {
        ByteBuffer batch = threeRecords(CompressionType.NONE);
        batch.putInt(LENGTH_OFFSET, HEADER_SIZE - LOG_OVERHEAD - 1);

        assertThatThrownBy(() -> RecordBatch.wrap(batch))
            .isInstanceOf(CorruptRecordException.class).hasMessageContaining("smaller than the minimum");
    }

    @Test
    void rejectsALengthFieldLargerThanTheBytesPresent() {
        ByteBuffer batch = threeRecords(CompressionType.NONE);
        batch.putInt(LENGTH_OFFSET, batch.getInt(LENGTH_OFFSET) + 1);

        assertThatThrownBy(() -> RecordBatch.wrap(batch))
            .isInstanceOf(CorruptRecordException.class).hasMessageContaining("claims");
    }

    @Test
    void rejectsALengthFieldThatCutsTheLastRecordShort() {
        ByteBuffer batch = threeRecords(CompressionType.NONE);
        batch.putInt(LENGTH_OFFSET, batch.getInt(LENGTH_OFFSET) - 2);
        ByteBuffer shortened = fixCrc(batch.slice(0, batch.limit() - 2));

        assertThatThrownBy(() -> RecordBatch.wrap(shortened).validateRecords())
            .isInstanceOf(CorruptRecordException.class).hasMessageContaining("corrupt record at index 2");
    }

    @Test
    void rejectsARecordCountAboveTheRecordsPresent() {
        ByteBuffer batch = threeRecords(CompressionType.NONE);
        batch.putInt(RECORDS_COUNT_OFFSET, 4);
        fixCrc(batch);

        assertThatThrownBy(() -> RecordBatch.wrap(batch).validateRecords())
            .isInstanceOf(CorruptRecordException.class)
            .hasMessageContaining("declares 4 records but its records end after 3");
    }

    @Test
    void rejectsBytesAfterTheDeclaredRecords() {
        ByteBuffer batch = threeRecords(CompressionType.NONE);
        batch.putInt(RECORDS_COUNT_OFFSET, 2).putInt(LAST_OFFSET_DELTA_OFFSET, 1);
        fixCrc(batch);

        assertThatThrownBy(() -> RecordBatch.wrap(batch).validateRecords())
            .isInstanceOf(CorruptRecordException.class).hasMessageContaining("bytes after its 2 records");
    }

    @Test
    void rejectsALastOffsetDeltaThatDisagreesWithTheLastRecord() {
        ByteBuffer batch = threeRecords(CompressionType.NONE);
        batch.putInt(LAST_OFFSET_DELTA_OFFSET, 5);
        fixCrc(batch);

        assertThatThrownBy(() -> RecordBatch.wrap(batch).validateRecords())
            .isInstanceOf(CorruptRecordException.class)
            .hasMessageContaining("last offset delta 5 but its last record has offset delta 2");
    }

    @Test
    void rejectsARecordCountNoBatchCouldHoldBeforeDecompressing() {
        ByteBuffer batch = threeRecords(CompressionType.GZIP);
        batch.putInt(RECORDS_COUNT_OFFSET, Integer.MAX_VALUE);
        fixCrc(batch);

        assertThatThrownBy(() -> RecordBatch.wrap(batch).validateRecords())
            .isInstanceOf(CorruptRecordException.class).hasMessageContaining("impossible");
    }

    @Test
    void rejectsOffsetDeltaGapsInAProducedBatchButReadsThem() {
        RecordBatch batch = RecordBatch.wrap(new RecordBatchBuilder(BASE_OFFSET)
            .appendWithOffset(BASE_OFFSET, 1L, null, null)
            .appendWithOffset(BASE_OFFSET + 2, 2L, null, null)
            .build());

        assertThatThrownBy(batch::validateRecords)
            .isInstanceOf(CorruptRecordException.class).hasMessageContaining("offset delta 2 at index 1, expected 1");
        assertThat(batch.records()).toIterable().extracting(Record::offset).containsExactly(BASE_OFFSET, BASE_OFFSET + 2);
    }

    @Test
    void rejectsAProducedBatchWithoutRecords() {
        ByteBuffer empty = RecordBatchBuilder.filter(RecordBatch.wrap(threeRecords(CompressionType.NONE)), r -> false);

        assertThatThrownBy(() -> RecordBatch.wrap(empty).validateRecords())
            .isInstanceOf(CorruptRecordException.class).hasMessageContaining("has no records");
    }

    @Test
    void rejectsAnUnknownCompressionCodec() {
        ByteBuffer batch = threeRecords(CompressionType.NONE);
        batch.putShort(ATTRIBUTES_OFFSET, (short) 7);
        fixCrc(batch);

        assertThatThrownBy(() -> RecordBatch.wrap(batch).validateRecords())
            .isInstanceOf(CorruptRecordException.class)
            .hasMessageContaining("offset 1000").hasMessageContaining("codec id 7");
    }

    @Test
    void rejectsAKeyLengthBeyondItsRecord() {
        ByteBuffer batch = new RecordBatchBuilder(BASE_OFFSET).append(0L, TestRecord.bytes("k"), null).build();
        // length, attributes, timestamp delta and offset delta take one byte each; then the key length.
        batch.put(HEADER_SIZE + 4, (byte) 100); // zigzag varint for 50
        fixCrc(batch);

        assertThatThrownBy(() -> RecordBatch.wrap(batch).validateRecords())
            .isInstanceOf(CorruptRecordException.class).hasMessageContaining("key length 50");
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void rejectsACompressedPayloadWhoseFrameHeaderIsGarbage(CompressionType codec) {
        ByteBuffer batch = threeRecords(codec);
        for (int i = HEADER_SIZE; i < HEADER_SIZE + 4; i++) {
            batch.put(i, (byte) 0x5A);
        }
        fixCrc(batch);

        assertThatThrownBy(() -> RecordBatch.wrap(batch).validateRecords())
            .isInstanceOf(CorruptRecordException.class)
            .hasMessageContaining("offset 1000").hasMessageContaining(codec.configName);
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void rejectsACompressedPayloadThatEndsMidFrame(CompressionType codec) {
        ByteBuffer batch = threeRecords(codec);
        batch.putInt(LENGTH_OFFSET, batch.getInt(LENGTH_OFFSET) - 3);
        ByteBuffer truncated = fixCrc(batch.slice(0, batch.limit() - 3));

        assertThatThrownBy(() -> RecordBatch.wrap(truncated).validateRecords())
            .isInstanceOf(CorruptRecordException.class)
            .hasMessageContaining("offset 1000").hasMessageContaining(codec.configName);
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void refusesADecompressionBombBeyondTheLimit(CompressionType codec) {
        ByteBuffer bomb = new RecordBatchBuilder(BASE_OFFSET).compression(codec)
            .append(0L, null, new byte[8 * 1024 * 1024]).build();
        RecordBatch batch = RecordBatch.wrap(bomb);

        assertThat(bomb.limit()).isLessThan(512 * 1024);
        assertThatThrownBy(() -> batch.validateRecords(1024 * 1024))
            .isInstanceOf(CorruptRecordException.class).hasMessageContaining("more than the limit of 1048576");
        assertThatCode(() -> batch.validateRecords(9 * 1024 * 1024)).doesNotThrowAnyException();
    }

    private static ByteBuffer threeRecords(CompressionType codec) {
        List<TestRecord> inputs = List.of(TestRecord.of(10L, "a", "first value, long enough to compress a bit"),
            TestRecord.of(11L, "b", "second value, long enough to compress a bit"),
            TestRecord.of(12L, "c", "third value, long enough to compress a bit", new Header("h", null)));
        BatchSpec spec = new BatchSpec("three", BASE_OFFSET, NO_PRODUCER_ID, NO_PRODUCER_EPOCH, NO_SEQUENCE, false,
            0, NO_TIMESTAMP, NO_TIMESTAMP);
        ByteBuffer batch = KafkaCompatibilityTest.build(spec, codec, inputs);
        assertThatCode(() -> RecordBatch.wrap(batch).validateRecords()).doesNotThrowAnyException();
        return batch;
    }

    private static ByteBuffer fixCrc(ByteBuffer batch) {
        batch.putInt(CRC_OFFSET, (int) RecordBatch.wrap(batch).computeChecksum());
        return batch;
    }
}
