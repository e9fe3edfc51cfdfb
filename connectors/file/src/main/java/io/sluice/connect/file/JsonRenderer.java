package io.sluice.connect.file;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Writes a Connect value as JSON text, so the file sink needs no JSON library.
 *
 * <p>Mapping: {@link Struct} → object in schema field order; {@link Map} → object with {@code String.valueOf}
 * keys; collections and arrays of objects → arrays; {@code byte[]}/{@link ByteBuffer} → base64 string;
 * integral numbers and {@link BigDecimal} → numbers; finite floating point → numbers, NaN and infinities →
 * strings (JSON has no such numbers); {@link Date} (Connect's Date/Time/Timestamp) → epoch milliseconds;
 * booleans → booleans; null → null; anything else → its {@code toString()} as a string. Stateless.
 */
final class JsonRenderer {

    private JsonRenderer() {
    }

    static void render(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Struct struct) {
            renderStruct(struct, out);
        } else if (value instanceof Map<?, ?> map) {
            renderMap(map, out);
        } else if (value instanceof Collection<?> collection) {
            renderArray(collection, out);
        } else if (value instanceof Object[] array) {
            renderArray(Arrays.asList(array), out);
        } else if (value instanceof byte[] bytes) {
            renderString(Base64.getEncoder().encodeToString(bytes), out);
        } else if (value instanceof ByteBuffer buffer) {
            renderString(Base64.getEncoder().encodeToString(bytesOf(buffer)), out);
        } else if (value instanceof Double || value instanceof Float) {
            renderFloatingPoint(((Number) value).doubleValue(), value, out);
        } else if (value instanceof BigDecimal decimal) {
            out.append(decimal.toPlainString());
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Date date) {
            out.append(date.getTime());
        } else {
            renderString(value.toString(), out);
        }
    }

    private static void renderStruct(Struct struct, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Field field : struct.schema().fields()) {
            first = separate(first, out);
            renderString(field.name(), out);
            out.append(':');
            render(struct.get(field), out);
        }
        out.append('}');
    }

    private static void renderMap(Map<?, ?> map, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            first = separate(first, out);
            renderString(String.valueOf(entry.getKey()), out);
            out.append(':');
            render(entry.getValue(), out);
        }
        out.append('}');
    }

    private static void renderArray(Collection<?> elements, StringBuilder out) {
        out.append('[');
        boolean first = true;
        for (Object element : elements) {
            first = separate(first, out);
            render(element, out);
        }
        out.append(']');
    }

    private static boolean separate(boolean first, StringBuilder out) {
        if (!first) {
            out.append(',');
        }
        return false;
    }

    private static void renderFloatingPoint(double number, Object value, StringBuilder out) {
        if (Double.isFinite(number)) {
            out.append(value);
        } else {
            renderString(value.toString(), out);
        }
    }

    private static byte[] bytesOf(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    static void renderString(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
