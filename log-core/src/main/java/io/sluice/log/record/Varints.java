package io.sluice.log.record;

import io.sluice.log.errors.CorruptRecordException;
import java.nio.ByteBuffer;

/**
 * Zigzag variable-length integers, as used inside record batch v2 (the same encoding as protobuf's
 * {@code sint32}/{@code sint64}): the sign is folded into bit 0 so small negative numbers stay short, then the
 * value is written 7 bits per byte, least significant group first, with bit 7 set on every byte but the last.
 * An {@code int} takes 1–5 bytes, a {@code long} 1–10.
 *
 * <p>Stateless and thread-safe. Reads and writes advance the buffer's position; a read past the limit throws
 * {@link java.nio.BufferUnderflowException}, which the record parser turns into a {@link CorruptRecordException}.
 */
public final class Varints {
    private static final int MAX_VARINT_BYTES = 5;
    private static final int MAX_VARLONG_BYTES = 10;

    private Varints() {
    }

    public static void writeVarint(int value, ByteBuffer out) {
        int zigzag = (value << 1) ^ (value >> 31);
        while ((zigzag & ~0x7F) != 0) {
            out.put((byte) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        out.put((byte) zigzag);
    }

    public static void writeVarlong(long value, ByteBuffer out) {
        long zigzag = (value << 1) ^ (value >> 63);
        while ((zigzag & ~0x7FL) != 0) {
            out.put((byte) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        out.put((byte) zigzag);
    }

    /** @throws CorruptRecordException if the encoding runs past 5 bytes */
    public static int readVarint(ByteBuffer in) {
        int zigzag = 0;
        for (int i = 0; i < MAX_VARINT_BYTES; i++) {
            byte b = in.get();
            zigzag |= (b & 0x7F) << (7 * i);
            if (b >= 0) {
                return (zigzag >>> 1) ^ -(zigzag & 1);
            }
        }
        throw new CorruptRecordException("Varint is longer than " + MAX_VARINT_BYTES + " bytes");
    }

    /** @throws CorruptRecordException if the encoding runs past 10 bytes */
    public static long readVarlong(ByteBuffer in) {
        long zigzag = 0;
        for (int i = 0; i < MAX_VARLONG_BYTES; i++) {
            byte b = in.get();
            zigzag |= (long) (b & 0x7F) << (7 * i);
            if (b >= 0) {
                return (zigzag >>> 1) ^ -(zigzag & 1);
            }
        }
        throw new CorruptRecordException("Varlong is longer than " + MAX_VARLONG_BYTES + " bytes");
    }

    public static int sizeOfVarint(int value) {
        int zigzag = (value << 1) ^ (value >> 31);
        // "| 1" makes zero take one byte like every other value below 2^7.
        int significantBits = Integer.SIZE - Integer.numberOfLeadingZeros(zigzag | 1);
        return (significantBits + 6) / 7;
    }

    public static int sizeOfVarlong(long value) {
        long zigzag = (value << 1) ^ (value >> 63);
        int significantBits = Long.SIZE - Long.numberOfLeadingZeros(zigzag | 1);
        return (significantBits + 6) / 7;
    }
}
