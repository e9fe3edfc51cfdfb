package io.sluice.streams.state.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.streams.state.ValueAndTimestamp;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class ValueAndTimestampSerdeTest {
    private final ValueAndTimestampSerde<String> serde = new ValueAndTimestampSerde<>(Serdes.String());

    @Test
    void aValueRoundTripsWithItsTimestamp() {
        ValueAndTimestamp<String> original = ValueAndTimestamp.make("héllo", 1_700_000_000_123L);

        byte[] bytes = serde.serializer().serialize("t", original);

        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(original);
    }

    @Test
    void theLayoutIsABigEndianTimestampFollowedByTheValueBytes() {
        byte[] bytes = serde.serializer().serialize("t", ValueAndTimestamp.make("ab", 258));

        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        assertThat(bytes).hasSize(10);
        assertThat(buffer.getLong()).isEqualTo(258);
        assertThat(new String(bytes, 8, 2, StandardCharsets.UTF_8)).isEqualTo("ab");
    }

    @Test
    void negativeTimestampsAndEmptyValuesSurvive() {
        ValueAndTimestamp<String> original = ValueAndTimestamp.make("", -5);

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", original)))
            .isEqualTo(original);
    }

    @Test
    void nullIsADelete() {
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void bytesShorterThanATimestampAreRejected() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[7]))
            .isInstanceOf(SerializationException.class).hasMessageContaining("got 7");
    }

    @Test
    void valueAndTimestampOfNullIsNull() {
        assertThat(ValueAndTimestamp.make(null, 1)).isNull();
        assertThat(ValueAndTimestamp.<String>getValueOrNull(null)).isNull();
        assertThat(ValueAndTimestamp.getValueOrNull(ValueAndTimestamp.make("v", 1))).isEqualTo("v");
        assertThat(ValueAndTimestamp.make("v", 1)).isNotEqualTo(ValueAndTimestamp.make("v", 2))
            .hasToString("<v,1>");
    }
}
