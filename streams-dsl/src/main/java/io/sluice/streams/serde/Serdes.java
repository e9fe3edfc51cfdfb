package io.sluice.streams.serde;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/**
 * Factory for serdes. Every serde here implements kafka-clients' {@link Serde}, so it plugs into any Kafka client,
 * and any existing Kafka serde plugs into Sluice.
 *
 * <p>The primitive factories return kafka-clients' own serdes ({@code org.apache.kafka.common.serialization.Serdes}),
 * so their bytes are exactly what other Kafka programs write and read. This class shares that class's simple name:
 * code that already imports Kafka's {@code Serdes} for primitives may keep it and reach this one by its full name,
 * or switch to this one, which offers the same primitives plus {@link #json}, {@link #kryo} and {@link #forClass}.
 *
 * <pre>{@code
 * Serde<Order> orders = Serdes.forClass(Order.class);   // Kryo: any record or class, no boilerplate
 * Serde<String> keys = Serdes.forClass(String.class);   // kafka-clients' StringSerde
 * Serde<List<Order>> json = Serdes.json(new TypeReference<List<Order>>() {});
 * }</pre>
 *
 * <p>All serdes returned are thread-safe.
 */
public final class Serdes {

    /**
     * The kafka-clients serde for each class {@link #forClass} does not hand to Kryo; a new one per call, because
     * some (StringSerde's encoding) keep state from {@code configure}.
     */
    private static final Map<Class<?>, Supplier<Serde<?>>> PRIMITIVES = Map.ofEntries(
            Map.entry(String.class, () -> String()),
            Map.entry(Long.class, () -> Long()),
            Map.entry(long.class, () -> Long()),
            Map.entry(Integer.class, () -> Integer()),
            Map.entry(int.class, () -> Integer()),
            Map.entry(Double.class, () -> Double()),
            Map.entry(double.class, () -> Double()),
            Map.entry(Short.class, () -> org.apache.kafka.common.serialization.Serdes.Short()),
            Map.entry(short.class, () -> org.apache.kafka.common.serialization.Serdes.Short()),
            Map.entry(Float.class, () -> org.apache.kafka.common.serialization.Serdes.Float()),
            Map.entry(float.class, () -> org.apache.kafka.common.serialization.Serdes.Float()),
            Map.entry(Boolean.class, () -> org.apache.kafka.common.serialization.Serdes.Boolean()),
            Map.entry(boolean.class, () -> org.apache.kafka.common.serialization.Serdes.Boolean()),
            Map.entry(byte[].class, () -> ByteArray()),
            Map.entry(ByteBuffer.class, () -> org.apache.kafka.common.serialization.Serdes.ByteBuffer()),
            Map.entry(Bytes.class, () -> org.apache.kafka.common.serialization.Serdes.Bytes()),
            Map.entry(UUID.class, () -> UUID()),
            Map.entry(Void.class, () -> Void()),
            Map.entry(void.class, () -> Void()));

    private Serdes() {
    }

    public static Serde<String> String() {
        return org.apache.kafka.common.serialization.Serdes.String();
    }

    public static Serde<Long> Long() {
        return org.apache.kafka.common.serialization.Serdes.Long();
    }

    public static Serde<Integer> Integer() {
        return org.apache.kafka.common.serialization.Serdes.Integer();
    }

    public static Serde<Double> Double() {
        return org.apache.kafka.common.serialization.Serdes.Double();
    }

    public static Serde<byte[]> ByteArray() {
        return org.apache.kafka.common.serialization.Serdes.ByteArray();
    }

    public static Serde<UUID> UUID() {
        return org.apache.kafka.common.serialization.Serdes.UUID();
    }

    /** Only null is a valid value: for topics whose keys or values carry nothing. */
    public static Serde<Void> Void() {
        return org.apache.kafka.common.serialization.Serdes.Void();
    }

    /** JSON by Jackson with the default mapper of {@link JsonSerde}: unknown properties ignored. */
    public static <T> Serde<T> json(Class<T> type) {
        return new JsonSerde<>(type);
    }

    /** JSON for a generic type, for example {@code json(new TypeReference<List<Order>>() {})}. */
    public static <T> Serde<T> json(TypeReference<T> type) {
        return new JsonSerde<>(type);
    }

    /** JSON with your own mapper, for modules such as {@code java.time}; do not reconfigure it afterwards. */
    public static <T> Serde<T> json(ObjectMapper mapper, Class<T> type) {
        return new JsonSerde<>(mapper, mapper.constructType(type));
    }

    /** Kryo for any class; see {@link KryoSerde} for schema evolution and the format. */
    public static <T> Serde<T> kryo(Class<T> type) {
        return new KryoSerde<>(type);
    }

    /**
     * The default serde for a class, used wherever a class is given and no serde: kafka-clients' serde for
     * {@code String}, {@code Long}, {@code Integer}, {@code Double}, {@code Short}, {@code Float}, {@code Boolean},
     * {@code byte[]}, {@code ByteBuffer}, {@code Bytes}, {@code UUID} and {@code Void} (primitive classes map to
     * their wrappers), and {@link KryoSerde} for every other class.
     */
    @SuppressWarnings("unchecked") // PRIMITIVES maps each class to a serde of that class.
    public static <T> Serde<T> forClass(Class<T> type) {
        if (type == null) {
            throw new IllegalArgumentException("type must not be null");
        }
        Supplier<Serde<?>> primitive = PRIMITIVES.get(type);
        return primitive != null ? (Serde<T>) primitive.get() : new KryoSerde<>(type);
    }
}
