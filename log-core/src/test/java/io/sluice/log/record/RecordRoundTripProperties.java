package io.sluice.log.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.log.errors.CorruptRecordException;
import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Random batches through our builder and both readers, and random damage through our validator. */
class RecordRoundTripProperties {

    @Property(tries = 200)
    void randomRecordListsRoundTripThroughBuilderAndReaderForEveryCodec(
            @ForAll("records") List<TestRecord> records, @ForAll CompressionType codec, @ForAll("specs") BatchSpec spec) {
        ByteBuffer batch = KafkaCompatibilityTest.build(spec, codec, records);

        ParsedBatch ours = ParsedBatch.withOurs(batch);
        ParsedBatch kafka = KafkaReference.parse(batch);

        ParsedBatch expected = ParsedBatch.expected(spec, codec, records);
        assertThat(ours).isEqualTo(expected);
        assertThat(kafka).isEqualTo(expected);
    }

    /** Garbage inside a payload (CRC made to match) either still parses or is a CorruptRecordException. */
    @Property(tries = 300)
    void damagedPayloadsFailOnlyAsCorruptRecords(@ForAll("records") List<TestRecord> records,
                                                  @ForAll CompressionType codec,
                                                  @ForAll @IntRange(min = 0, max = 10_000) int position,
                                                  @ForAll byte garbage) {
        ByteBuffer batch = KafkaCompatibilityTest.build(BatchSpec.PLAIN, codec, records);
        int at = RecordBatchDescriptor.HEADER_SIZE + position % (batch.limit() - RecordBatchDescriptor.HEADER_SIZE);
        batch.put(at, (byte) (batch.get(at) ^ (garbage | 1)));
        batch.putInt(RecordBatchDescriptor.CRC_OFFSET, (int) RecordBatch.wrap(batch).computeChecksum());

        try {
            RecordBatch.wrap(batch).validateRecords();
        } catch (CorruptRecordException expected) {
            assertThat(expected).hasMessageContaining("Record batch at offset 0");
        }
    }

    @Provide
    Arbitrary<List<TestRecord>> records() {
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        Arbitrary<Header> header = Combinators.combine(
            Arbitraries.strings().withCharRange(' ', 'ÿ').withChars('€', 'ł').ofMaxLength(12),
            bytes.injectNull(0.2)).as(Header::new);
        Arbitrary<TestRecord> record = Combinators.combine(
            Arbitraries.longs().between(-1L, 4_000_000_000_000L),
            bytes.injectNull(0.2), bytes.injectNull(0.2), header.list().ofMaxSize(3)).as(TestRecord::new);
        return record.list().ofMinSize(1).ofMaxSize(20);
    }

    @Provide
    Arbitrary<BatchSpec> specs() {
        return Arbitraries.of(BatchSpec.all());
    }
}
