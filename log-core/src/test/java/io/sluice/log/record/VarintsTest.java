package io.sluice.log.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.log.errors.CorruptRecordException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.kafka.common.utils.ByteUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VarintsTest {

    @ParameterizedTest
    @CsvSource({"0, 00", "-1, 01", "1, 02", "63, 7e", "-64, 7f", "64, 8001", "300, d804",
        "2147483647, feffffff0f", "-2147483648, ffffffff0f"})
    void shouldEncodeVarintsAsZigzagBase128(int value, String hex) {
        ByteBuffer out = ByteBuffer.allocate(5);

        Varints.writeVarint(value, out);

        assertThat(HexFormat.of().formatHex(out.array(), 0, out.position())).isEqualTo(hex);
    }

    @Property
    void varintsRoundTripWithTheSizeTheyTakeAndKafkasBytes(@ForAll int value) {
        ByteBuffer ours = ByteBuffer.allocate(5);
        ByteBuffer kafka = ByteBuffer.allocate(5);

        Varints.writeVarint(value, ours);
        ByteUtils.writeVarint(value, kafka);

        assertThat(ours.position()).isEqualTo(Varints.sizeOfVarint(value));
        assertThat(ours.flip()).isEqualTo(kafka.flip());
        assertThat(Varints.readVarint(ours)).isEqualTo(value);
        assertThat(ours.hasRemaining()).isFalse();
    }

    @Property
    void varlongsRoundTripWithTheSizeTheyTakeAndKafkasBytes(@ForAll long value) {
        ByteBuffer ours = ByteBuffer.allocate(10);
        ByteBuffer kafka = ByteBuffer.allocate(10);

        Varints.writeVarlong(value, ours);
        ByteUtils.writeVarlong(value, kafka);

        assertThat(ours.position()).isEqualTo(Varints.sizeOfVarlong(value));
        assertThat(ours.flip()).isEqualTo(kafka.flip());
        assertThat(Varints.readVarlong(ours)).isEqualTo(value);
        assertThat(ours.hasRemaining()).isFalse();
    }

    @Property
    void varintSizesMatchKafkas(@ForAll int intValue, @ForAll long longValue) {
        assertThat(Varints.sizeOfVarint(intValue)).isEqualTo(ByteUtils.sizeOfVarint(intValue));
        assertThat(Varints.sizeOfVarlong(longValue)).isEqualTo(ByteUtils.sizeOfVarlong(longValue));
    }

    @Test
    void rejectsAVarintLongerThanFiveBytes() {
        ByteBuffer in = ByteBuffer.wrap(HexFormat.of().parseHex("ffffffffff01"));

        assertThatThrownBy(() -> Varints.readVarint(in))
            .isInstanceOf(CorruptRecordException.class).hasMessageContaining("longer than 5 bytes");
    }

    @Test
    void rejectsAVarlongLongerThanTenBytes() {
        ByteBuffer in = ByteBuffer.wrap(HexFormat.of().parseHex("ffffffffffffffffffff01"));

        assertThatThrownBy(() -> Varints.readVarlong(in))
            .isInstanceOf(CorruptRecordException.class).hasMessageContaining("longer than 10 bytes");
    }
}
