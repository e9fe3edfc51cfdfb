package io.sluice.streams.serde;

import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes values of one class with Kryo in the format of {@link KryoPayloadDescriptor}; null becomes a null payload.
 * Thread-safe. Usually obtained from {@link KryoSerde#serializer()}.
 *
 * @param <T> the value class
 */
public final class KryoSerializer<T> implements Serializer<T> {

    private final KryoCodec<T> codec;

    public KryoSerializer(Class<T> type) {
        this(new KryoCodec<>(type, KryoSerde.DEFAULT_MAX_POOLED_INSTANCES));
    }

    KryoSerializer(KryoCodec<T> codec) {
        this.codec = codec;
    }

    /**
     * @throws org.apache.kafka.common.errors.SerializationException when the value is not of the serde's class or
     *     Kryo cannot write it, naming both classes and the topic
     */
    @Override
    public byte[] serialize(String topic, T data) {
        return codec.encode(topic, data);
    }
}
