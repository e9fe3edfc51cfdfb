package io.sluice.streams.serde;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.SerializerFactory.CompatibleFieldSerializerFactory;
import com.esotericsoftware.kryo.serializers.CompatibleFieldSerializer.CompatibleFieldSerializerConfig;
import com.esotericsoftware.kryo.serializers.EnumNameSerializer;
import com.esotericsoftware.kryo.serializers.ImmutableSerializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Builds the {@link Kryo} instances behind {@link KryoSerde}, all configured the same way, because every instance
 * must read what any other wrote. The choices, and what they mean for the stored format, are described in
 * {@link KryoPayloadDescriptor}.
 */
final class KryoFactory {

    private KryoFactory() {
    }

    static Kryo create(ClassLoader classLoader) {
        Kryo kryo = new EvolvingKryo();
        kryo.setClassLoader(classLoader);
        kryo.setRegistrationRequired(false);
        kryo.setReferences(false);
        kryo.setMaxDepth(KryoPayloadDescriptor.MAX_DEPTH);
        // A no-arg constructor when there is one, otherwise Objenesis, so classes need not be written for Kryo.
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));

        CompatibleFieldSerializerConfig config = new CompatibleFieldSerializerConfig();
        // Each field value goes into its own length-delimited chunk, so a reader skips a removed field without
        // decoding it, even when the field's class no longer exists.
        config.setChunkedEncoding(true);
        config.setReadUnknownFieldData(false);
        kryo.setDefaultSerializer(new CompatibleFieldSerializerFactory(config));

        // Kryo has no UUID serializer, and reflection into java.util is closed on Java 17.
        kryo.addDefaultSerializer(UUID.class, new UuidSerializer());
        registerFixedIds(kryo);
        return kryo;
    }

    private static void registerFixedIds(Kryo kryo) {
        List<Class<?>> classes = KryoPayloadDescriptor.REGISTERED_CLASSES;
        Set<Class<?>> seen = new HashSet<>();
        for (int i = 0; i < classes.size(); i++) {
            if (!seen.add(classes.get(i))) {
                throw new IllegalStateException("class registered twice: " + classes.get(i).getName());
            }
            kryo.register(classes.get(i), KryoPayloadDescriptor.FIRST_REGISTRATION_ID + i);
        }
    }

    /** Two longs, most significant first. */
    private static final class UuidSerializer extends ImmutableSerializer<UUID> {

        @Override
        public void write(Kryo kryo, Output output, UUID uuid) {
            output.writeLong(uuid.getMostSignificantBits());
            output.writeLong(uuid.getLeastSignificantBits());
        }

        @Override
        public UUID read(Kryo kryo, Input input, Class<? extends UUID> type) {
            return new UUID(input.readLong(), input.readLong());
        }
    }

    /**
     * Routes records and enums to evolution-tolerant serializers. Kryo lists its own record and enum serializers
     * ahead of any default added later, so overriding the lookup is the only way to replace them.
     */
    private static final class EvolvingKryo extends Kryo {

        // Kryo's lookup method is declared with raw types; overriding it requires the same signature.
        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Serializer getDefaultSerializer(Class type) {
            if (type.isRecord()) {
                return new CompatibleRecordSerializer<>(type);
            }
            if (type.isEnum()) {
                // By constant name, not ordinal: inserting or reordering constants keeps old bytes meaning the same.
                return new EnumNameSerializer(type);
            }
            return super.getDefaultSerializer(type);
        }
    }
}
