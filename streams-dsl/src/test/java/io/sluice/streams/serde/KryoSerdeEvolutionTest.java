package io.sluice.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytes written by one shape of a class and read by another. Each shape is really compiled and loaded in its own
 * class loader, so both versions carry the same class names, as in a rolling upgrade.
 */
class KryoSerdeEvolutionTest {

    private static final String STATUS_V1 = "public enum Status { NEW, PAID }";
    private static final String STATUS_V2 = "public enum Status { CANCELLED, NEW, PAID, SHIPPED }";
    private static final String ORDER_V1 = "public record Order(String id, int qty) {}";
    private static final String ORDER_V2 = "public record Order(String id, int qty, String note) {}";
    private static final String ORDER_WITHOUT_QTY = "public record Order(String note, String id) {}";
    private static final String CART = "public record Cart(String owner, java.util.List<Order> items, Status status) {}";
    private static final String CUSTOMER_V1 =
            "public class Customer { public String name; public int age; public java.util.List<String> tags; }";
    private static final String CUSTOMER_V2 =
            "public class Customer { public String name; public String email; public java.util.List<String> tags; }";

    @TempDir
    Path tmp;

    @Test
    void recordWrittenBeforeAComponentWasAddedReadsWithTheNewComponentNull() throws Exception {
        Class<?> v1 = shape("v1", Map.of("Order", ORDER_V1)).loadClass("evo.Order");
        Class<?> v2 = shape("v2", Map.of("Order", ORDER_V2)).loadClass("evo.Order");

        Object read = read(v2, write(v1, newRecord(v1, "o-1", 3)));

        assertThat(read.getClass()).isSameAs(v2);
        assertThat(read).hasToString("Order[id=o-1, qty=3, note=null]");
    }

    @Test
    void recordWrittenWithAComponentSinceRemovedReadsWithoutIt() throws Exception {
        Class<?> v2 = shape("v2", Map.of("Order", ORDER_V2)).loadClass("evo.Order");
        Class<?> v1 = shape("v1", Map.of("Order", ORDER_V1)).loadClass("evo.Order");

        Object read = read(v1, write(v2, newRecord(v2, "o-1", 3, "gift")));

        assertThat(read).hasToString("Order[id=o-1, qty=3]");
    }

    @Test
    void recordWithARemovedPrimitiveAndReorderedComponentsMatchesByName() throws Exception {
        Class<?> v2 = shape("v2", Map.of("Order", ORDER_V2)).loadClass("evo.Order");
        Class<?> v3 = shape("v3", Map.of("Order", ORDER_WITHOUT_QTY)).loadClass("evo.Order");

        Object read = read(v3, write(v2, newRecord(v2, "o-1", 3, "gift")));
        Object back = read(v2, write(v3, newRecord(v3, "gift", "o-2")));

        assertThat(read).hasToString("Order[note=gift, id=o-1]");
        assertThat(back).hasToString("Order[id=o-2, qty=0, note=gift]");
    }

    @Test
    void recordsNestedInAListAndEnumsWithNewConstantsEvolveToo() throws Exception {
        ClassLoader before = shape("v1", Map.of("Order", ORDER_V1, "Cart", CART, "Status", STATUS_V1));
        ClassLoader after = shape("v2", Map.of("Order", ORDER_V2, "Cart", CART, "Status", STATUS_V2));
        Class<?> order = before.loadClass("evo.Order");
        Class<?> cart = before.loadClass("evo.Cart");
        Object paid = enumConstant(before.loadClass("evo.Status"), "PAID");
        Object value = newRecord(cart, "ann", new ArrayList<>(List.of(newRecord(order, "a", 1), newRecord(order, "b", 2))), paid);

        Object read = read(after.loadClass("evo.Cart"), write(cart, value));

        assertThat(read).hasToString("Cart[owner=ann, items=[Order[id=a, qty=1, note=null], Order[id=b, qty=2, note=null]], status=PAID]");
    }

    @Test
    void enumConstantRemovedSinceWritingFailsWithSerializationException() throws Exception {
        Class<?> v2 = shape("v2", Map.of("Status", STATUS_V2)).loadClass("evo.Status");
        Class<?> v1 = shape("v1", Map.of("Status", STATUS_V1)).loadClass("evo.Status");
        byte[] shipped = write(v2, enumConstant(v2, "SHIPPED"));

        assertThatThrownBy(() -> read(v1, shipped))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("evo.Status")
                .hasMessageContaining("SHIPPED");
    }

    @Test
    void plainClassWithOneFieldAddedAndAnotherRemovedReadsBothWays() throws Exception {
        Class<?> v1 = shape("v1", Map.of("Customer", CUSTOMER_V1)).loadClass("evo.Customer");
        Class<?> v2 = shape("v2", Map.of("Customer", CUSTOMER_V2)).loadClass("evo.Customer");
        Object ann = newPojo(v1, Map.of("name", "ann", "age", 41, "tags", List.of("vip")));
        Object bob = newPojo(v2, Map.of("name", "bob", "email", "bob@x", "tags", List.of()));

        Object annV2 = read(v2, write(v1, ann));
        Object bobV1 = read(v1, write(v2, bob));

        assertThat(fields(annV2)).containsEntry("name", "ann").containsEntry("email", null).containsEntry("tags", List.of("vip"));
        assertThat(fields(bobV1)).containsEntry("name", "bob").containsEntry("age", 0).containsEntry("tags", List.of());
    }

    @Test
    void fieldWhoseTypeChangedFailsNamingTheComponent() throws Exception {
        Class<?> v1 = shape("v1", Map.of("Order", ORDER_V1)).loadClass("evo.Order");
        Class<?> changed = shape("changed", Map.of("Order", "public record Order(String id, String qty) {}"))
                .loadClass("evo.Order");
        byte[] bytes = write(v1, newRecord(v1, "o-1", 3));

        assertThatThrownBy(() -> read(changed, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("component 'qty'");
    }

    private ClassLoader shape(String name, Map<String, String> sources) throws Exception {
        return ClassShapes.compile(tmp.resolve(name), sources);
    }

    private static <T> byte[] write(Class<T> type, Object value) {
        return new KryoSerde<>(type).serializer().serialize("orders", type.cast(value));
    }

    private static Object read(Class<?> type, byte[] bytes) {
        return new KryoSerde<>(type).deserializer().deserialize("orders", bytes);
    }

    private static Object newRecord(Class<?> type, Object... args) throws Exception {
        Class<?>[] types = java.util.Arrays.stream(type.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getType).toArray(Class<?>[]::new);
        Constructor<?> canonical = type.getDeclaredConstructor(types);
        return canonical.newInstance(args);
    }

    private static Object newPojo(Class<?> type, Map<String, Object> values) throws Exception {
        Object pojo = type.getDeclaredConstructor().newInstance();
        for (Map.Entry<String, Object> value : values.entrySet()) {
            type.getField(value.getKey()).set(pojo, value.getValue());
        }
        return pojo;
    }

    private static Map<String, Object> fields(Object pojo) throws IllegalAccessException {
        Map<String, Object> values = new java.util.HashMap<>();
        for (Field field : pojo.getClass().getFields()) {
            values.put(field.getName(), field.get(pojo));
        }
        return values;
    }

    private static Object enumConstant(Class<?> type, String name) {
        return java.util.Arrays.stream(type.getEnumConstants()).filter(c -> c.toString().equals(name)).findFirst()
                .orElseThrow();
    }
}
