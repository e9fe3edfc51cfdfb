package io.sluice.streams.runtime;

import io.sluice.streams.processor.TaskId;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The primitives shared by {@link SubscriptionInfo} and {@link AssignmentInfo}: big-endian integers, strings as
 * an int16 byte length and UTF-8 bytes, tasks as two int32 (sub-topology, partition), and the version header.
 *
 * <p>Stateless; a {@link Writer} is confined to the thread encoding one value.
 */
final class UserDataCodec {
    private UserDataCodec() {
    }

    /** Reads the int32 version that opens every user data and checks that it is at least 1. */
    static int readVersion(ByteBuffer data, String what) {
        if (data == null || data.remaining() < Integer.BYTES) {
            throw new IllegalArgumentException(what + " is missing or shorter than its version field ("
                + (data == null ? "null" : data.remaining() + " bytes") + "): the member is not a Sluice Streams "
                + "client or runs an incompatible version");
        }
        int version = data.getInt();
        if (version < 1) {
            throw new IllegalArgumentException(what + " has the unknown version " + version);
        }
        return version;
    }

    /** Runs {@code decoder}, turning a truncated buffer into an error that names {@code what} and its version. */
    static <T> T decodeBody(String what, int version, Supplier<T> decoder) {
        try {
            return decoder.get();
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException(what + " of version " + version + " is truncated", e);
        }
    }

    static String readString(ByteBuffer data) {
        int length = Short.toUnsignedInt(data.getShort());
        byte[] bytes = new byte[length];
        data.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static TaskId readTask(ByteBuffer data) {
        return new TaskId(data.getInt(), data.getInt());
    }

    /** Accumulates one encoded value; {@link #toByteBuffer} ends it. */
    static final class Writer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        private final DataOutputStream out = new DataOutputStream(bytes); // big-endian, as the formats say

        Writer writeInt(int value) {
            try {
                out.writeInt(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a ByteArrayOutputStream never fails
            }
            return this;
        }

        Writer writeLong(long value) {
            try {
                out.writeLong(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Writer writeString(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            if (utf8.length > 0xFFFF) {
                throw new IllegalArgumentException("String of " + utf8.length + " UTF-8 bytes is too long for "
                    + "user data (at most 65535): " + value.substring(0, 64) + "...");
            }
            try {
                out.writeShort(utf8.length);
                out.write(utf8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Writer writeTask(TaskId task) {
            return writeInt(task.subtopology()).writeInt(task.partition());
        }

        ByteBuffer toByteBuffer() {
            return ByteBuffer.wrap(bytes.toByteArray());
        }
    }
}
