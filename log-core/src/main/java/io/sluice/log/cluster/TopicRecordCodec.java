package io.sluice.log.cluster;

import io.sluice.log.errors.CorruptRecordException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The value of a topic record in the metadata log (the key is the topic name in UTF-8; a null value deletes it):
 *
 * <pre>
 *  int8   version (= 1)
 *  int64  topic id, most significant bits
 *  int64  topic id, least significant bits
 *  int32  partition count
 *  int32  number of config overrides, then for each:
 *         int32 key length, key (UTF-8), int32 value length, value (UTF-8)
 * </pre>
 */
final class TopicRecordCodec {
    private static final byte VERSION = 1;

    private TopicRecordCodec() {
    }

    static byte[] encode(TopicMetadata topic) {
        int size = 1 + 16 + 4 + 4;
        for (Map.Entry<String, String> entry : topic.configOverrides().entrySet()) {
            size += 8 + utf8(entry.getKey()).length + utf8(entry.getValue()).length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(VERSION);
        out.putLong(topic.topicId().getMostSignificantBits());
        out.putLong(topic.topicId().getLeastSignificantBits());
        out.putInt(topic.partitionCount());
        out.putInt(topic.configOverrides().size());
        for (Map.Entry<String, String> entry : topic.configOverrides().entrySet()) {
            putString(out, entry.getKey());
            putString(out, entry.getValue());
        }
        return out.array();
    }

    static TopicMetadata decode(String name, ByteBuffer value) {
        try {
            ByteBuffer in = value.duplicate();
            byte version = in.get();
            if (version != VERSION) {
                throw new CorruptRecordException("Topic record for '" + name + "' has unknown version " + version);
            }
            UUID id = new UUID(in.getLong(), in.getLong());
            int partitions = in.getInt();
            int count = in.getInt();
            if (partitions < 1 || count < 0 || count > in.remaining() / 8) {
                throw new CorruptRecordException("Topic record for '" + name + "' has " + partitions
                    + " partitions and " + count + " configs");
            }
            Map<String, String> configs = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                configs.put(getString(in), getString(in));
            }
            return new TopicMetadata(name, id, partitions, configs);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new CorruptRecordException("Topic record for '" + name + "' is truncated or malformed", e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void putString(ByteBuffer out, String text) {
        byte[] bytes = utf8(text);
        out.putInt(bytes.length);
        out.put(bytes);
    }

    private static String getString(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("string length " + length);
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
