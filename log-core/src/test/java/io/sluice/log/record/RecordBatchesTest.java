package io.sluice.log.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.log.errors.CorruptRecordException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import org.junit.jupiter.api.Test;

class RecordBatchesTest {

    @Test
    void shouldYieldEveryBatchInOrderAndStopAtTheEnd() {
        ByteBuffer log = concat(batchAt(0L, CompressionType.NONE), batchAt(1L, CompressionType.ZSTD),
            batchAt(2L, CompressionType.LZ4));

        Iterable<RecordBatch> batches = RecordBatches.of(log);

        assertThat(batches).extracting(RecordBatch::baseOffset).containsExactly(0L, 1L, 2L);
        assertThat(batches).allSatisfy(RecordBatch::ensureValid);
    }

    @Test
    void shouldYieldNothingForAnEmptyBuffer() {
        assertThat(RecordBatches.of(ByteBuffer.allocate(0))).isEmpty();
    }

    @Test
    void shouldLeaveTheBufferPositionAlone() {
        ByteBuffer log = concat(batchAt(0L, CompressionType.NONE), batchAt(1L, CompressionType.NONE));

        RecordBatches.of(log).forEach(RecordBatch::ensureValid);

        assertThat(log.position()).isZero();
    }

    @Test
    void rejectsATruncatedTailAfterTheCompleteBatches() {
        ByteBuffer whole = batchAt(2L, CompressionType.NONE);
        ByteBuffer first = batchAt(0L, CompressionType.NONE);
        ByteBuffer log = concat(first, batchAt(1L, CompressionType.NONE), whole.slice(0, 30));
        Iterator<RecordBatch> batches = RecordBatches.of(log).iterator();

        batches.next();
        batches.next();

        assertThat(batches.hasNext()).isTrue();
        assertThatThrownBy(batches::next)
            .isInstanceOf(CorruptRecordException.class)
            .hasMessageContaining("Truncated record batch at position " + 2 * first.limit());
    }

    private static ByteBuffer batchAt(long baseOffset, CompressionType codec) {
        return new RecordBatchBuilder(baseOffset).compression(codec).append(baseOffset, TestRecord.bytes("k"),
            TestRecord.bytes("v")).build();
    }

    private static ByteBuffer concat(ByteBuffer... buffers) {
        int size = 0;
        for (ByteBuffer buffer : buffers) {
            size += buffer.remaining();
        }
        ByteBuffer all = ByteBuffer.allocate(size);
        for (ByteBuffer buffer : buffers) {
            all.put(buffer.duplicate());
        }
        return all.flip();
    }
}
