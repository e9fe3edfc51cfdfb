package io.sluice.connect.storage;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;

/**
 * Kafka Connect's serialised form of source offsets: the key is the JSON array {@code [connectorName, partition]},
 * the value the offset map as JSON, both without schemas. Keeping this layout lets tooling that reads Kafka
 * Connect's {@code connect-offsets} topic read ours.
 *
 * <p>Thread-safe: the JsonConverter is configured once and keeps no per-call state.
 */
public final class OffsetCodec {
    private final JsonConverter converter = new JsonConverter();

    public OffsetCodec() {
        converter.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false"), true);
    }

    public ByteBuffer key(String connector, Map<String, ?> partition) {
        return ByteBuffer.wrap(converter.fromConnectData("", null, Arrays.asList(connector, partition)));
    }

    public ByteBuffer value(Map<String, ?> offset) {
        return offset == null ? null : ByteBuffer.wrap(converter.fromConnectData("", null, offset));
    }

    /** The connector and partition of a key, or null when the key is not of Kafka Connect's form. */
    public Key decodeKey(ByteBuffer key) {
        Object decoded = converter.toConnectData("", bytes(key)).value();
        if (decoded instanceof List<?> parts && parts.size() == 2 && parts.get(0) instanceof String connector
            && parts.get(1) instanceof Map<?, ?> partition) {
            return new Key(connector, castMap(partition));
        }
        return null;
    }

    /** @throws DataException when the bytes are not a JSON object */
    public Map<String, Object> decodeValue(ByteBuffer value) {
        if (value == null) {
            return null;
        }
        SchemaAndValue decoded = converter.toConnectData("", bytes(value));
        if (decoded.value() instanceof Map<?, ?> offset) {
            return castMap(offset);
        }
        throw new DataException("Stored offset is not a JSON object: " + decoded.value());
    }

    static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    /** A decoded offset key. */
    public record Key(String connector, Map<String, Object> partition) { }
}
