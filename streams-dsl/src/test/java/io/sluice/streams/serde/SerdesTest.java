package io.sluice.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class SerdesTest {

    record Order(String id, int qty) {
    }

    static Stream<Arguments> primitives() {
        return Stream.of(
                Arguments.of(String.class, "héllo wörld"),
                Arguments.of(Long.class, Long.MIN_VALUE),
                Arguments.of(long.class, 42L),
                Arguments.of(Integer.class, -7),
                Arguments.of(int.class, Integer.MAX_VALUE),
                Arguments.of(Double.class, Math.PI),
                Arguments.of(double.class, -0.5d),
                Arguments.of(Short.class, (short) 12),
                Arguments.of(Float.class, 1.5f),
                Arguments.of(Boolean.class, true),
                Arguments.of(byte[].class, new byte[] {1, 2, 3}),
                Arguments.of(ByteBuffer.class, ByteBuffer.wrap(new byte[] {4, 5})),
                Arguments.of(Bytes.class, Bytes.wrap(new byte[] {6})),
                Arguments.of(UUID.class, UUID.fromString("123e4567-e89b-12d3-a456-426614174000")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("primitives")
    <T> void forClassRoundTripsEveryPrimitiveThroughKafkaClientsSerde(Class<T> type, Object value) {
        @SuppressWarnings("unchecked")
        Serde<Object> serde = (Serde<Object>) Serdes.forClass(type);

        byte[] bytes = serde.serializer().serialize("topic", value);
        Object back = serde.deserializer().deserialize("topic", bytes);

        assertThat(serde.getClass().getName()).startsWith("org.apache.kafka.common.serialization.Serdes$");
        assertThat(back).isEqualTo(value);
    }

    @Test
    void forClassWritesStringsExactlyAsKafkaClientsDoes() {
        Serde<String> ours = Serdes.forClass(String.class);

        byte[] bytes = ours.serializer().serialize("t", "abc");

        assertThat(bytes).isEqualTo(org.apache.kafka.common.serialization.Serdes.String().serializer().serialize("t", "abc"));
    }

    @Test
    void forClassRoundTripsVoidAsNull() {
        Serde<Void> serde = Serdes.forClass(Void.class);

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", null))).isNull();
    }

    @Test
    void forClassUsesKryoForAnyOtherClass() {
        Serde<Order> serde = Serdes.forClass(Order.class);

        Order back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", new Order("o-1", 3)));

        assertThat(serde).isInstanceOf(KryoSerde.class);
        assertThat(back).isEqualTo(new Order("o-1", 3));
    }

    @Test
    void forClassHandsOutAFreshSerdeEachCallSoConfigureCannotLeakBetweenUsers() {
        assertThat(Serdes.forClass(String.class)).isNotSameAs(Serdes.forClass(String.class));
    }

    @Test
    void namedFactoriesReturnKafkaClientsSerdes() {
        assertThat(Stream.of(Serdes.String(), Serdes.Long(), Serdes.Integer(), Serdes.Double(), Serdes.ByteArray(),
                Serdes.UUID(), Serdes.Void()))
                .allSatisfy(serde -> assertThat(serde.getClass().getName())
                        .startsWith("org.apache.kafka.common.serialization.Serdes$"));
    }
}
