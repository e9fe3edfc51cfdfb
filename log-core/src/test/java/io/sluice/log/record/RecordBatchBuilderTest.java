package io.sluice.log.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The builder's rules beyond byte compatibility: copies for compaction, and misuse. */
class RecordBatchBuilderTest {
    private static final List<TestRecord> FOUR = List.of(TestRecord.of(100L, "a", "1"),
        TestRecord.of(101L, "b", "2", new Header("h", TestRecord.bytes("x"))), TestRecord.of(102L, "c", null),
        TestRecord.of(103L, "d", "4"));

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void shouldCopyOnlyTheRetainedRecordsKeepingTheHeaderAndLastOffsetDelta(CompressionType codec) {
        RecordBatch source = RecordBatch.wrap(KafkaCompatibilityTest.build(BatchSpec.IDEMPOTENT, codec, FOUR));
        Set<Long> retained = Set.of(1_000L, 1_002L);

        RecordBatch copy = RecordBatch.wrap(RecordBatchBuilder.filter(source, r -> retained.contains(r.offset())));

        copy.ensureValid();
        assertThat(copy.records()).toIterable().extracting(Record::offset, Record::timestamp, Record::sequence)
            .containsExactly(tuple(1_000L, 100L, 100),
                tuple(1_002L, 102L, 102));
        assertThat(copy.recordCount()).isEqualTo(2);
        assertSameHeaderFields(copy, source);
        assertThat(copy.compression()).isEqualTo(codec);
        assertThat(KafkaReference.parse(copy.buffer()).records()).hasSize(2);
    }

    @Test
    void shouldBuildAnEmptyCopyThatKeepsTheProducerStateWhenNoRecordIsRetained() {
        RecordBatch source = RecordBatch.wrap(KafkaCompatibilityTest.build(BatchSpec.TRANSACTIONAL,
            CompressionType.ZSTD, FOUR));

        RecordBatch empty = RecordBatch.wrap(RecordBatchBuilder.filter(source, r -> false));

        empty.ensureValid();
        assertThat(empty.recordCount()).isZero();
        assertThat(empty.records()).isExhausted();
        assertThat(empty.sizeInBytes()).isEqualTo(RecordBatchDescriptor.HEADER_SIZE);
        assertSameHeaderFields(empty, source);
        assertThat(empty.compression()).isEqualTo(CompressionType.NONE);
        assertThat(empty.maxTimestamp()).isEqualTo(source.maxTimestamp());
        ParsedBatch kafkaView = KafkaReference.parse(empty.buffer());
        assertThat(kafkaView.recordCount()).isZero();
        assertThat(kafkaView.lastOffset()).isEqualTo(source.lastOffset());
    }

    @Test
    void shouldReadTheEmptyBatchKafkaClientsLeavesAfterCompaction() {
        ByteBuffer kafkaEmpty = ByteBuffer.allocate(RecordBatchDescriptor.HEADER_SIZE);
        DefaultRecordBatch.writeEmptyHeader(kafkaEmpty, RecordBatchDescriptor.MAGIC_V2, 42L, (short) 3, 10, 500L,
            504L, 7, org.apache.kafka.common.record.TimestampType.CREATE_TIME, 99L, true, false);

        RecordBatch batch = RecordBatch.wrap(kafkaEmpty.flip());

        batch.ensureValid();
        assertThat(batch.records()).isExhausted();
        assertThat(batch.lastOffset()).isEqualTo(504L);
        assertThat(batch.lastSequence()).isEqualTo(14);
        assertThat(batch.isTransactional()).isTrue();
    }

    @Test
    void shouldKeepLogAppendTimeWhenCopying() {
        RecordBatch source = RecordBatch.wrap(KafkaCompatibilityTest.build(BatchSpec.LOG_APPEND_TIME,
            CompressionType.LZ4, FOUR));

        RecordBatch copy = RecordBatch.wrap(RecordBatchBuilder.filter(source, r -> r.offset() != 5L));

        assertThat(copy.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(copy.maxTimestamp()).isEqualTo(BatchSpec.LOG_APPEND_TIME.logAppendTimeMs());
        assertThat(copy.records()).toIterable().extracting(Record::timestamp)
            .containsOnly(BatchSpec.LOG_APPEND_TIME.logAppendTimeMs());
    }

    @Test
    void shouldKeepTheDeleteHorizonWhenCopying() {
        RecordBatch source = RecordBatch.wrap(KafkaCompatibilityTest.build(BatchSpec.DELETE_HORIZON,
            CompressionType.NONE, FOUR));

        RecordBatch copy = RecordBatch.wrap(RecordBatchBuilder.filter(source, r -> r.offset() > 300L));

        assertThat(copy.hasDeleteHorizon()).isTrue();
        assertThat(copy.baseTimestamp()).isEqualTo(BatchSpec.DELETE_HORIZON.deleteHorizonMs());
        assertThat(copy.records()).toIterable().extracting(Record::timestamp).containsExactly(101L, 102L, 103L);
    }

    @Test
    void rejectsAnOffsetThatIsNotAfterTheLastOne() {
        RecordBatchBuilder builder = new RecordBatchBuilder(10L).appendWithOffset(12L, 0L, null, null);

        assertThatThrownBy(() -> builder.appendWithOffset(12L, 0L, null, null))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Offset 12 is not after");
    }

    @Test
    void rejectsAnOffsetBelowTheBaseOffset() {
        RecordBatchBuilder builder = new RecordBatchBuilder(10L);

        assertThatThrownBy(() -> builder.appendWithOffset(9L, 0L, null, null))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Offset 9");
    }

    @Test
    void rejectsBuildingANewBatchWithoutRecords() {
        assertThatThrownBy(() -> new RecordBatchBuilder(0L).build())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least one record");
    }

    @Test
    void rejectsADeleteHorizonSetAfterTheFirstRecord() {
        RecordBatchBuilder builder = new RecordBatchBuilder(0L).append(1L, (byte[]) null, null);

        assertThatThrownBy(() -> builder.deleteHorizonMs(5L)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldNotConsumeTheCallersKeyAndValueBuffers() {
        ByteBuffer key = ByteBuffer.wrap(TestRecord.bytes("key"));
        ByteBuffer value = ByteBuffer.wrap(TestRecord.bytes("value"));

        new RecordBatchBuilder(0L).append(1L, key, value).build();

        assertThat(key.remaining()).isEqualTo(3);
        assertThat(value.remaining()).isEqualTo(5);
    }

    private static void assertSameHeaderFields(RecordBatch copy, RecordBatch source) {
        assertThat(copy.baseOffset()).isEqualTo(source.baseOffset());
        assertThat(copy.lastOffsetDelta()).isEqualTo(source.lastOffsetDelta());
        assertThat(copy.lastSequence()).isEqualTo(source.lastSequence());
        assertThat(copy.producerId()).isEqualTo(source.producerId());
        assertThat(copy.producerEpoch()).isEqualTo(source.producerEpoch());
        assertThat(copy.baseSequence()).isEqualTo(source.baseSequence());
        assertThat(copy.partitionLeaderEpoch()).isEqualTo(source.partitionLeaderEpoch());
        assertThat(copy.isTransactional()).isEqualTo(source.isTransactional());
        assertThat(copy.isControlBatch()).isEqualTo(source.isControlBatch());
        assertThat(copy.timestampType()).isEqualTo(source.timestampType());
    }
}
