package io.sluice.log.coordinator;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * The records the coordinator writes to {@code __consumer_offsets}: our own format, not Kafka's (nothing but this
 * coordinator reads the topic). The topic is compacted, so every record's key names the thing it describes and
 * the latest value per key wins; a null value (tombstone) deletes it.
 *
 * <h2>Keys</h2>
 * All integers big-endian; {@code string} = int16 length + UTF-8 bytes; {@code nstring} = the same, length -1 for
 * null; {@code bytes} = int32 length + bytes.
 * <pre>
 *  offset commit key (type 0)                 group metadata key (type 1)
 *  0       2                                  0       2
 *  +-------+--------------+-------------+---------------+      +-------+--------------+
 *  | int16 | string group | string topic| int32 partition|      | int16 | string group |
 *  | type=0|              |             |               |      | type=1|              |
 *  +-------+--------------+-------------+---------------+      +-------+--------------+
 * </pre>
 * Keys are not versioned: a key's bytes must stay identical forever for compaction to replace old values. A new
 * kind of record gets a new type.
 *
 * <h2>Values</h2>
 * Every value starts with an int16 version. Readers parse the fields they know and ignore trailing bytes, so a
 * newer version may only <em>append</em> fields; a reader meeting a higher version reads its known prefix.
 * <pre>
 *  offset commit value, version 0
 *  +---------+--------------+-------------------+-----------------+-------------------------+
 *  | int16 v | int64 offset | int32 leaderEpoch | string metadata | int64 commitTimestampMs |
 *  +---------+--------------+-------------------+-----------------+-------------------------+
 *                             (-1 = none)
 *
 *  group metadata value, version 0
 *  +---------+----------------------+-----------------+----------------------+-----------------+
 *  | int16 v | nstring protocolType | int32 generation| nstring protocolName | nstring leaderId|
 *  +---------+----------------------+-----------------+----------------------+-----------------+
 *  | int64 stateTimestampMs | int32 memberCount | member × memberCount ...                     |
 *  +------------------------+-------------------+----------------------------------------------+
 *  member:
 *  +-----------------+-------------------------+-----------------+-------------------+
 *  | string memberId | nstring groupInstanceId | string clientId | string clientHost |
 *  +-----------------+-------------------------+-----------------+-------------------+
 *  | int32 rebalanceTimeoutMs | int32 sessionTimeoutMs | bytes subscription | bytes assignment |
 *  +--------------------------+------------------------+--------------------+------------------+
 * </pre>
 * A member's {@code subscription} is its metadata for the group's selected protocol only (what the leader needs
 * to reassign and what DescribeGroups shows); the other protocols it offered are not kept, as in Kafka.
 *
 * <p>Stateless and thread-safe. Decoding throws {@link MalformedRecordException} for anything that does not
 * parse; the loader logs and skips such records.
 */
final class OffsetsTopicCodec {
    static final short OFFSET_KEY_TYPE = 0;
    static final short GROUP_KEY_TYPE = 1;
    static final short OFFSET_VALUE_VERSION = 0;
    static final short GROUP_VALUE_VERSION = 0;

    private OffsetsTopicCodec() {
    }

    /** A decoded key: either an offset key (topicPartition set) or a group key (topicPartition null). */
    record Key(String groupId, TopicPartition topicPartition) {
        boolean isOffsetKey() {
            return topicPartition != null;
        }
    }

    /** A member as persisted with its group. */
    record MemberRecord(String memberId, String groupInstanceId, String clientId, String clientHost,
                        int rebalanceTimeoutMs, int sessionTimeoutMs, byte[] subscription, byte[] assignment) {
    }

    /** A group as persisted: enough to bring a Stable group back after a restart. */
    record GroupRecord(String protocolType, int generationId, String protocolName, String leaderId,
                       long stateTimestampMs, List<MemberRecord> members) {
    }

    static final class MalformedRecordException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedRecordException(String message) {
            super(message);
        }
    }

    // ---------------------------------------------------------------------------------------------- encode

    static byte[] offsetKey(String groupId, TopicPartition tp) {
        Writer writer = new Writer();
        writer.putShort(OFFSET_KEY_TYPE);
        writer.putString(groupId);
        writer.putString(tp.topic());
        writer.putInt(tp.partition());
        return writer.toArray();
    }

    static byte[] groupKey(String groupId) {
        Writer writer = new Writer();
        writer.putShort(GROUP_KEY_TYPE);
        writer.putString(groupId);
        return writer.toArray();
    }

    static byte[] offsetValue(OffsetAndMetadata offset) {
        Writer writer = new Writer();
        writer.putShort(OFFSET_VALUE_VERSION);
        writer.putLong(offset.offset());
        writer.putInt(offset.leaderEpochOrNone());
        writer.putString(offset.metadata());
        writer.putLong(offset.commitTimestampMs());
        return writer.toArray();
    }

    static byte[] groupValue(GroupRecord group) {
        Writer writer = new Writer();
        writer.putShort(GROUP_VALUE_VERSION);
        writer.putNullableString(group.protocolType());
        writer.putInt(group.generationId());
        writer.putNullableString(group.protocolName());
        writer.putNullableString(group.leaderId());
        writer.putLong(group.stateTimestampMs());
        writer.putInt(group.members().size());
        for (MemberRecord member : group.members()) {
            writer.putString(member.memberId());
            writer.putNullableString(member.groupInstanceId());
            writer.putString(member.clientId());
            writer.putString(member.clientHost());
            writer.putInt(member.rebalanceTimeoutMs());
            writer.putInt(member.sessionTimeoutMs());
            writer.putBytes(member.subscription());
            writer.putBytes(member.assignment());
        }
        return writer.toArray();
    }

    // ---------------------------------------------------------------------------------------------- decode

    static Key decodeKey(ByteBuffer key) {
        if (key == null) {
            throw new MalformedRecordException("null key");
        }
        return parse(key, reader -> {
            short type = reader.getShort();
            switch (type) {
                case OFFSET_KEY_TYPE:
                    String groupId = reader.getString();
                    String topic = reader.getString();
                    int partition = reader.getInt();
                    reader.expectEnd("offset key");
                    return new Key(groupId, new TopicPartition(topic, partition));
                case GROUP_KEY_TYPE:
                    String group = reader.getString();
                    reader.expectEnd("group key");
                    return new Key(group, null);
                default:
                    throw new MalformedRecordException("unknown key type " + type);
            }
        });
    }

    static OffsetAndMetadata decodeOffsetValue(ByteBuffer value) {
        return parse(value, reader -> {
            reader.version("offset value");
            long offset = reader.getLong();
            int epoch = reader.getInt();
            String metadata = reader.getString();
            long timestamp = reader.getLong();
            return new OffsetAndMetadata(offset, epoch < 0 ? Optional.empty() : Optional.of(epoch), metadata,
                timestamp);
        });
    }

    static GroupRecord decodeGroupValue(ByteBuffer value) {
        return parse(value, reader -> {
            reader.version("group value");
            String protocolType = reader.getNullableString();
            int generation = reader.getInt();
            String protocolName = reader.getNullableString();
            String leaderId = reader.getNullableString();
            long stateTimestamp = reader.getLong();
            int count = reader.getInt();
            if (count < 0 || count > reader.remaining()) {
                throw new MalformedRecordException("member count " + count);
            }
            List<MemberRecord> members = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                members.add(new MemberRecord(reader.getString(), reader.getNullableString(), reader.getString(),
                    reader.getString(), reader.getInt(), reader.getInt(), reader.getBytes(), reader.getBytes()));
            }
            return new GroupRecord(protocolType, generation, protocolName, leaderId, stateTimestamp,
                List.copyOf(members));
        });
    }

    private interface Parser<T> {
        T parse(Reader reader);
    }

    private static <T> T parse(ByteBuffer bytes, Parser<T> parser) {
        try {
            return parser.parse(new Reader(bytes.duplicate()));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            // IllegalArgumentException: negative lengths, bad partition numbers; both mean the bytes are not ours
            throw new MalformedRecordException("truncated or malformed: " + e);
        }
    }

    private static final class Reader {
        private final ByteBuffer buffer;

        Reader(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        void version(String what) {
            short version = buffer.getShort();
            if (version < 0) {
                throw new MalformedRecordException(what + " has negative version " + version);
            }
            // Higher versions only append fields (see the class javadoc): read the known prefix.
        }

        short getShort() {
            return buffer.getShort();
        }

        int getInt() {
            return buffer.getInt();
        }

        long getLong() {
            return buffer.getLong();
        }

        int remaining() {
            return buffer.remaining();
        }

        String getString() {
            String value = getNullableString();
            if (value == null) {
                throw new MalformedRecordException("null where a string is required");
            }
            return value;
        }

        String getNullableString() {
            short length = buffer.getShort();
            if (length == -1) {
                return null;
            }
            if (length < 0 || length > buffer.remaining()) {
                throw new MalformedRecordException("string length " + length);
            }
            byte[] bytes = new byte[length];
            buffer.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        byte[] getBytes() {
            int length = buffer.getInt();
            if (length < 0 || length > buffer.remaining()) {
                throw new MalformedRecordException("bytes length " + length);
            }
            byte[] bytes = new byte[length];
            buffer.get(bytes);
            return bytes;
        }

        void expectEnd(String what) {
            if (buffer.hasRemaining()) {
                throw new MalformedRecordException(what + " has " + buffer.remaining() + " trailing bytes");
            }
        }
    }

    private static final class Writer {
        private ByteBuffer buffer = ByteBuffer.allocate(64);

        private void ensure(int bytes) {
            if (buffer.remaining() < bytes) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes));
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
            }
        }

        void putShort(int value) {
            ensure(2);
            buffer.putShort((short) value);
        }

        void putInt(int value) {
            ensure(4);
            buffer.putInt(value);
        }

        void putLong(long value) {
            ensure(8);
            buffer.putLong(value);
        }

        void putString(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > Short.MAX_VALUE) {
                throw new IllegalArgumentException("String of " + bytes.length + " bytes exceeds " + Short.MAX_VALUE);
            }
            putShort(bytes.length);
            ensure(bytes.length);
            buffer.put(bytes);
        }

        void putNullableString(String value) {
            if (value == null) {
                putShort(-1);
            } else {
                putString(value);
            }
        }

        void putBytes(byte[] value) {
            byte[] bytes = value == null ? new byte[0] : value;
            putInt(bytes.length);
            ensure(bytes.length);
            buffer.put(bytes);
        }

        byte[] toArray() {
            byte[] bytes = new byte[buffer.position()];
            buffer.flip();
            buffer.get(bytes);
            return bytes;
        }
    }
}
