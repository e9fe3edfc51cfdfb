package io.sluice.streams.kstream.internals;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.utils.Bytes;

/**
 * The byte layouts of a foreign-key join's internal topics and subscription store (see docs/design/0009-fk-join.md).
 *
 * <pre>
 * subscription (value; key = foreign key bytes):
 * +---------+-------------+-------------+---------------------+---------------------+
 * | version | instruction | hash length | hash (0 or 16 B)    | left key bytes ...  |
 * | 1 byte  | 1 byte      | 1 byte      |                     | (the rest)          |
 * +---------+-------------+-------------+---------------------+---------------------+
 * response (value; key = left key):
 * +---------+-------------+------------------+---------------+-------------------------+
 * | version | hash length | hash (0 or 16 B) | value present | right value bytes ...   |
 * | 1 byte  | 1 byte      |                  | 1 byte (0/1)  | (the rest, if present)  |
 * +---------+-------------+------------------+---------------+-------------------------+
 * subscription store key (on the foreign key's side; value = the left value's hash):
 * +-----------------------------+-------------------+--------------------+
 * | foreign key length (int32)  | foreign key bytes | left key bytes ... |
 * +-----------------------------+-------------------+--------------------+
 * </pre>
 *
 * The hash is the MD5 digest of the left value's serialized bytes, absent for a deleted value: a response whose
 * hash differs from the hash of the left key's current value answers an outdated subscription and is ignored.
 * Stateless and thread-safe.
 */
final class ForeignKeyJoinMessages {
    static final byte VERSION = 0;

    /** What the foreign key's side does with a subscription. */
    enum Instruction {
        /** Forget the subscription; answer nothing (the left value moved to another foreign key). */
        UNSUBSCRIBE,
        /** Remember the subscription; answer with the right value only if there is one. */
        SUBSCRIBE_ANSWER_IF_MATCHED,
        /** Remember the subscription; answer even without a right value (a left join, or a retraction). */
        SUBSCRIBE_ALWAYS_ANSWER
    }

    record Subscription(Instruction instruction, byte[] hash, byte[] leftKey) {
    }

    record Response(byte[] hash, byte[] rightValue) {
    }

    private ForeignKeyJoinMessages() {
    }

    static byte[] hash(byte[] leftValue) {
        if (leftValue == null) {
            return null;
        }
        try {
            return MessageDigest.getInstance("MD5").digest(leftValue);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide MD5", e);
        }
    }

    static boolean sameHash(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }

    static byte[] encode(Subscription subscription) {
        byte[] hash = subscription.hash() == null ? new byte[0] : subscription.hash();
        return ByteBuffer.allocate(3 + hash.length + subscription.leftKey().length).put(VERSION)
            .put((byte) subscription.instruction().ordinal()).put((byte) hash.length).put(hash)
            .put(subscription.leftKey()).array();
    }

    static Subscription decodeSubscription(byte[] bytes) {
        ByteBuffer buffer = versioned(bytes, "subscription");
        Instruction instruction = Instruction.values()[buffer.get()];
        byte[] hash = readHash(buffer);
        byte[] leftKey = new byte[buffer.remaining()];
        buffer.get(leftKey);
        return new Subscription(instruction, hash, leftKey);
    }

    static byte[] encode(Response response) {
        byte[] hash = response.hash() == null ? new byte[0] : response.hash();
        byte[] value = response.rightValue() == null ? new byte[0] : response.rightValue();
        return ByteBuffer.allocate(3 + hash.length + value.length).put(VERSION).put((byte) hash.length).put(hash)
            .put((byte) (response.rightValue() == null ? 0 : 1)).put(value).array();
    }

    static Response decodeResponse(byte[] bytes) {
        ByteBuffer buffer = versioned(bytes, "response");
        byte[] hash = readHash(buffer);
        boolean present = buffer.get() != 0;
        byte[] value = null;
        if (present) {
            value = new byte[buffer.remaining()];
            buffer.get(value);
        }
        return new Response(hash, value);
    }

    static Bytes storeKey(byte[] foreignKey, byte[] leftKey) {
        return Bytes.wrap(ByteBuffer.allocate(Integer.BYTES + foreignKey.length + leftKey.length)
            .putInt(foreignKey.length).put(foreignKey).put(leftKey).array());
    }

    /** The prefix shared by the store keys of every subscription to {@code foreignKey}. */
    static Bytes storeKeyPrefix(byte[] foreignKey) {
        return storeKey(foreignKey, new byte[0]);
    }

    static byte[] leftKeyOf(Bytes storeKey) {
        ByteBuffer buffer = ByteBuffer.wrap(storeKey.get());
        int foreignKeyLength = buffer.getInt();
        return Arrays.copyOfRange(storeKey.get(), Integer.BYTES + foreignKeyLength, storeKey.get().length);
    }

    private static ByteBuffer versioned(byte[] bytes, String what) {
        if (bytes == null || bytes.length < 3 || bytes[0] != VERSION) {
            throw new SerializationException("Not a foreign-key join " + what + " of version " + VERSION + ": "
                + (bytes == null ? "null" : bytes.length + " bytes" + (bytes.length > 0 ? ", version " + bytes[0]
                : "")));
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.get();
        return buffer;
    }

    private static byte[] readHash(ByteBuffer buffer) {
        int length = buffer.get();
        if (length == 0) {
            return null;
        }
        byte[] hash = new byte[length];
        buffer.get(hash);
        return hash;
    }
}
