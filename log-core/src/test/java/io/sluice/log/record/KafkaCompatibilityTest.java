package io.sluice.log.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Byte compatibility with kafka-clients 4.3.1, both ways, for every codec and header shape. */
class KafkaCompatibilityTest {

    /** Null keys and values, empty ones, non-ASCII header keys, null header values, out-of-order timestamps,
     *  and values large enough to span several LZ4 blocks (64 KiB) and snappy chunks (32 KiB). */
    static final List<TestRecord> INPUTS = List.of(
        TestRecord.of(1_700_000_000_000L, "k1", "v1", new Header("h1", TestRecord.bytes("x")), new Header("h2", null)),
        TestRecord.of(1_700_000_000_005L, null, "value with a null key"),
        TestRecord.of(1_699_999_999_990L, "tombstone", null),
        TestRecord.of(1_700_000_000_100L, "", "", new Header("ünïcødé", new byte[0])),
        new TestRecord(1_700_000_000_200L, TestRecord.bytes("big"), compressibleBytes(200_000), List.of()),
        new TestRecord(1_700_000_000_300L, null, randomBytes(70_000), List.of(new Header("n", randomBytes(300)))));

    static Stream<Arguments> codecsAndSpecs() {
        return Stream.of(CompressionType.values())
            .flatMap(codec -> Stream.of(BatchSpec.all()).map(spec -> Arguments.of(codec, spec)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("codecsAndSpecs")
    void shouldReadEveryFieldOfBatchesThatKafkaClientsBuilds(CompressionType codec, BatchSpec spec) {
        ByteBuffer kafkaBatch = KafkaReference.build(spec, codec, INPUTS);

        ParsedBatch parsed = ParsedBatch.withOurs(kafkaBatch);

        assertThat(parsed).isEqualTo(ParsedBatch.expected(spec, codec, INPUTS));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("codecsAndSpecs")
    void shouldBuildBatchesWhoseEveryFieldKafkaClientsReads(CompressionType codec, BatchSpec spec) {
        ByteBuffer ourBatch = build(spec, codec, INPUTS);

        ParsedBatch parsed = KafkaReference.parse(ourBatch);

        assertThat(parsed).isEqualTo(ParsedBatch.expected(spec, codec, INPUTS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sluice.log.record.BatchSpec#all")
    void shouldBuildUncompressedBatchesByteIdenticalToKafkaClients(BatchSpec spec) {
        ByteBuffer kafkaBatch = KafkaReference.build(spec, CompressionType.NONE, INPUTS);

        ByteBuffer ourBatch = build(spec, CompressionType.NONE, INPUTS);

        assertThat(ourBatch).isEqualTo(kafkaBatch);
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void shouldReadBatchesThatKafkaClientsCompressesFromASingleTinyRecord(CompressionType codec) {
        List<TestRecord> one = List.of(TestRecord.of(1L, "k", "v"));
        ByteBuffer kafkaBatch = KafkaReference.build(BatchSpec.PLAIN, codec, one);

        ParsedBatch parsed = ParsedBatch.withOurs(kafkaBatch);

        assertThat(parsed).isEqualTo(ParsedBatch.expected(BatchSpec.PLAIN, codec, one));
    }

    static ByteBuffer build(BatchSpec spec, CompressionType codec, List<TestRecord> inputs) {
        RecordBatchBuilder builder = spec.ourBuilder(codec);
        for (TestRecord input : inputs) {
            builder.append(input.timestamp(), input.key(), input.value(), input.headerArray());
        }
        return builder.build();
    }

    static byte[] compressibleBytes(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) ("sluice-".charAt(i % 7) + (i / 4096) % 3);
        }
        return bytes;
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
