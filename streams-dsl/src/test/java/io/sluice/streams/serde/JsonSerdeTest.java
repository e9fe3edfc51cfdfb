package io.sluice.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

    record Line(String sku, int qty) {
    }

    record Order(String id, List<Line> lines, Map<String, Integer> counts) {
    }

    record OrderWithNote(String id, List<Line> lines, Map<String, Integer> counts, String note) {
    }

    public static final class Pojo {
        public String name;
        public int age;
    }

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void recordWithNestedCollectionsRoundTrips() {
        Serde<Order> serde = Serdes.json(Order.class);
        Order order = new Order("o-1", List.of(new Line("a", 2)), Map.of("a", 2));

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", order))).isEqualTo(order);
    }

    @Test
    void genericTypeRoundTripsThroughATypeReference() {
        Serde<List<Line>> serde = Serdes.json(new TypeReference<List<Line>>() { });
        List<Line> lines = List.of(new Line("a", 1), new Line("b", 2));

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", lines))).isEqualTo(lines);
    }

    @Test
    void writesPlainJson() {
        byte[] bytes = Serdes.json(Line.class).serializer().serialize("t", new Line("a", 2));

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"sku\":\"a\",\"qty\":2}");
    }

    @Test
    void readerIgnoresAFieldAddedByANewerWriter() {
        Serde<OrderWithNote> newer = Serdes.json(OrderWithNote.class);
        byte[] bytes = newer.serializer().serialize("t", new OrderWithNote("o-1", List.of(), Map.of(), "gift"));

        Order read = Serdes.json(Order.class).deserializer().deserialize("t", bytes);

        assertThat(read).isEqualTo(new Order("o-1", List.of(), Map.of()));
    }

    @Test
    void readerDefaultsAFieldMissingFromOlderBytes() {
        OrderWithNote read = Serdes.json(OrderWithNote.class).deserializer()
                .deserialize("t", utf8("{\"id\":\"o-1\",\"lines\":[],\"counts\":{}}"));

        assertThat(read).isEqualTo(new OrderWithNote("o-1", List.of(), Map.of(), null));
    }

    @Test
    void plainClassToleratesAddedAndRemovedFields() {
        Pojo read = Serdes.json(Pojo.class).deserializer().deserialize("t", utf8("{\"name\":\"ann\",\"email\":\"a@x\"}"));

        assertThat(read.name).isEqualTo("ann");
        assertThat(read.age).isZero();
    }

    @Test
    void nullValueIsANullPayloadBothWays() {
        Serde<Order> serde = Serdes.json(Order.class);

        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void malformedJsonFailsNamingTopicTypeAndLength() {
        byte[] bytes = utf8("{\"id\": ");

        assertThatThrownBy(() -> Serdes.json(Order.class).deserializer().deserialize("orders", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("'orders'")
                .hasMessageContaining(Order.class.getName())
                .hasMessageContaining(bytes.length + " bytes")
                .hasCauseInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
    }

    @Test
    void valueJacksonCannotWriteFailsNamingTopicAndClass() {
        Serde<Object> serde = Serdes.json(Object.class);

        assertThatThrownBy(() -> serde.serializer().serialize("orders", new Object()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("'orders'")
                .hasMessageContaining("java.lang.Object");
    }
}
