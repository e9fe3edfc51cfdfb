package io.sluice.streams.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A JSON serde on Jackson, for values other programs also read, or whose bytes should be human-readable.
 * Records are supported (Jackson 2.12+), and generic types through a {@link TypeReference}.
 *
 * <p>The default {@link ObjectMapper} is configured once and shared: unknown properties are ignored, so a reader
 * tolerates fields added by a newer writer, and a missing property leaves its field {@code null}, {@code 0} or
 * {@code false}, so it tolerates removed ones. It registers no modules: {@code java.time} values need
 * {@code jackson-datatype-jsr310}, which this module does not ship; to use it, or any other setting, pass your own
 * mapper to {@link #JsonSerde(ObjectMapper, JavaType)} and do not reconfigure it afterwards.
 *
 * <p>Null values are null payloads (tombstones), both ways. Failures raise kafka-clients'
 * {@link SerializationException} naming the topic, the type and the byte length, with Jackson's error as the cause.
 *
 * <p>Threading: thread-safe; the mapper's reader and writer for the type are built once.
 *
 * @param <T> the value type
 */
public final class JsonSerde<T> implements Serde<T> {

    private static final ObjectMapper DEFAULT_MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final JavaType type;
    private final ObjectWriter writer;
    private final ObjectReader reader;

    public JsonSerde(Class<T> type) {
        this(DEFAULT_MAPPER, DEFAULT_MAPPER.constructType(type));
    }

    public JsonSerde(TypeReference<T> type) {
        this(DEFAULT_MAPPER, DEFAULT_MAPPER.constructType(type));
    }

    /**
     * @param type the value type, from {@code mapper.constructType(...)}; it must describe {@code T}
     */
    public JsonSerde(ObjectMapper mapper, JavaType type) {
        this.type = type;
        this.writer = mapper.writerFor(type);
        this.reader = mapper.readerFor(type);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return writer.writeValueAsBytes(value);
            } catch (IOException e) {
                throw new SerializationException("JSON could not serialize a " + value.getClass().getName() + " as "
                        + type.toCanonical() + " for topic " + quote(topic) + ": " + describe(e), e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return reader.readValue(bytes);
            } catch (IOException e) {
                throw new SerializationException("JSON could not deserialize " + bytes.length + " bytes from topic "
                        + quote(topic) + " as " + type.toCanonical() + ": " + describe(e), e);
            }
        };
    }

    @Override
    public String toString() {
        return "JsonSerde[" + type.toCanonical() + "]";
    }

    private static String describe(IOException e) {
        // Jackson's full message appends a source excerpt and location; the cause keeps them.
        return e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.toString();
    }

    private static String quote(String topic) {
        return topic == null ? "(none)" : "'" + topic + "'";
    }
}
