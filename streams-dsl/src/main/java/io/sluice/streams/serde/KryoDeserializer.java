package io.sluice.streams.serde;

import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads values written by {@link KryoSerializer}, including bytes written by an older or newer shape of the class
 * (fields or record components added or removed). A null payload becomes null. Thread-safe. Usually obtained from
 * {@link KryoSerde#deserializer()}.
 *
 * @param <T> the value class
 */
public final class KryoDeserializer<T> implements Deserializer<T> {

    private final KryoCodec<T> codec;

    public KryoDeserializer(Class<T> type) {
        this(new KryoCodec<>(type, KryoSerde.DEFAULT_MAX_POOLED_INSTANCES));
    }

    KryoDeserializer(KryoCodec<T> codec) {
        this.codec = codec;
    }

    /**
     * @throws org.apache.kafka.common.errors.SerializationException when the bytes cannot be read as the serde's
     *     class; the message names the class, the topic, the byte length and the first bytes, and the cause is kept.
     *     Never returns null for non-null bytes.
     */
    @Override
    public T deserialize(String topic, byte[] data) {
        return codec.decode(topic, data);
    }
}
