package io.sluice.log.record;

import static io.sluice.log.record.Varints.readVarint;
import static io.sluice.log.record.Varints.readVarlong;
import static io.sluice.log.record.Varints.sizeOfVarint;
import static io.sluice.log.record.Varints.sizeOfVarlong;
import static io.sluice.log.record.Varints.writeVarint;
import static io.sluice.log.record.Varints.writeVarlong;

import io.sluice.log.errors.CorruptRecordException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads and writes one record in a batch's (uncompressed) records section:
 *
 * <pre>
 *   length           varint   bytes after this field
 *   attributes       int8     unused, always 0
 *   timestampDelta   varlong  against the batch's base timestamp
 *   offsetDelta      varint   against the batch's base offset
 *   keyLength        varint   -1 = null key
 *   key              bytes
 *   valueLength      varint   -1 = null value
 *   value            bytes
 *   headersCount     varint
 *   headers          headersCount × { keyLength varint, key UTF-8, valueLength varint (-1 = null), value }
 * </pre>
 *
 * <p>Stateless. Parsing never trusts a length: every length is checked against the bytes that remain before
 * anything is sliced or allocated, so a hostile record cannot make us allocate more than it occupies.
 */
final class RecordCodec {
    private static final int NULL_LENGTH = -1;
    /** The smallest record: every varint one byte, no key, no value, no headers. */
    static final int MIN_RECORD_SIZE = 7;

    private RecordCodec() {
    }

    /** Bytes the record takes in the records section, its length prefix included. */
    static int sizeInBytes(int offsetDelta, long timestampDelta, ByteBuffer key, ByteBuffer value,
                           byte[][] headerKeys, Header[] headers) {
        int body = bodySize(offsetDelta, timestampDelta, key, value, headerKeys, headers);
        return sizeOfVarint(body) + body;
    }

    /** Writes the record at {@code out}'s position; {@code headerKeys} are the headers' keys in UTF-8. */
    static void write(ByteBuffer out, int offsetDelta, long timestampDelta, ByteBuffer key, ByteBuffer value,
                      byte[][] headerKeys, Header[] headers) {
        writeVarint(bodySize(offsetDelta, timestampDelta, key, value, headerKeys, headers), out);
        out.put((byte) 0);
        writeVarlong(timestampDelta, out);
        writeVarint(offsetDelta, out);
        writeNullable(key, out);
        writeNullable(value, out);
        writeVarint(headers.length, out);
        for (int i = 0; i < headers.length; i++) {
            writeVarint(headerKeys[i].length, out);
            out.put(headerKeys[i]);
            byte[] headerValue = headers[i].value();
            writeNullable(headerValue == null ? null : ByteBuffer.wrap(headerValue), out);
        }
    }

    static byte[][] encodeHeaderKeys(Header[] headers) {
        byte[][] keys = new byte[headers.length][];
        for (int i = 0; i < headers.length; i++) {
            keys[i] = headers[i].key().getBytes(StandardCharsets.UTF_8);
        }
        return keys;
    }

    /**
     * Reads the record at {@code in}'s position and advances past it.
     *
     * @param timestampOverride the batch max timestamp for LogAppendTime batches, else null
     * @throws CorruptRecordException if a length is impossible or the record does not fill its length exactly
     * @throws java.nio.BufferUnderflowException if a field runs past the record
     */
    static Record read(ByteBuffer in, long baseOffset, long baseTimestamp, Long timestampOverride, int baseSequence) {
        int length = readVarint(in);
        if (length < 0 || length > in.remaining()) {
            throw new CorruptRecordException("record length " + length + " but " + in.remaining()
                + " bytes remain");
        }
        ByteBuffer body = in.slice(in.position(), length);
        in.position(in.position() + length);

        body.get(); // attributes: no bits are defined for records yet
        long timestampDelta = readVarlong(body);
        int offsetDelta = readVarint(body);
        ByteBuffer key = readNullable(body);
        ByteBuffer value = readNullable(body);
        Header[] headers = readHeaders(body);
        if (body.hasRemaining()) {
            throw new CorruptRecordException("record at offset delta " + offsetDelta + " has " + body.remaining()
                + " bytes after its headers");
        }
        long timestamp = timestampOverride != null ? timestampOverride : baseTimestamp + timestampDelta;
        int sequence = baseSequence == RecordBatchDescriptor.NO_SEQUENCE
            ? RecordBatchDescriptor.NO_SEQUENCE
            : RecordBatch.incrementSequence(baseSequence, offsetDelta);
        return new Record(baseOffset + offsetDelta, timestamp, sequence, key, value, headers);
    }

    private static int bodySize(int offsetDelta, long timestampDelta, ByteBuffer key, ByteBuffer value,
                                byte[][] headerKeys, Header[] headers) {
        int size = 1 + sizeOfVarlong(timestampDelta) + sizeOfVarint(offsetDelta)
            + sizeOfNullable(key == null ? NULL_LENGTH : key.remaining())
            + sizeOfNullable(value == null ? NULL_LENGTH : value.remaining())
            + sizeOfVarint(headers.length);
        for (int i = 0; i < headers.length; i++) {
            byte[] headerValue = headers[i].value();
            size += sizeOfNullable(headerKeys[i].length)
                + sizeOfNullable(headerValue == null ? NULL_LENGTH : headerValue.length);
        }
        return size;
    }

    private static int sizeOfNullable(int length) {
        return sizeOfVarint(length) + Math.max(length, 0);
    }

    private static void writeNullable(ByteBuffer bytes, ByteBuffer out) {
        if (bytes == null) {
            writeVarint(NULL_LENGTH, out);
        } else {
            writeVarint(bytes.remaining(), out);
            out.put(bytes.duplicate());
        }
    }

    private static ByteBuffer readNullable(ByteBuffer body) {
        int length = readLength(body, "key or value");
        if (length == NULL_LENGTH) {
            return null;
        }
        ByteBuffer bytes = body.slice(body.position(), length).asReadOnlyBuffer();
        body.position(body.position() + length);
        return bytes;
    }

    private static Header[] readHeaders(ByteBuffer body) {
        int count = readVarint(body);
        // Every header takes at least two bytes (two one-byte lengths), which bounds the array we allocate.
        if (count < 0 || count > body.remaining() / 2) {
            throw new CorruptRecordException("header count " + count + " but " + body.remaining()
                + " bytes remain in the record");
        }
        Header[] headers = new Header[count];
        for (int i = 0; i < count; i++) {
            int keyLength = readLength(body, "header key");
            if (keyLength == NULL_LENGTH) {
                throw new CorruptRecordException("header " + i + " has a null key");
            }
            byte[] key = new byte[keyLength];
            body.get(key);
            int valueLength = readLength(body, "header value");
            byte[] value = null;
            if (valueLength != NULL_LENGTH) {
                value = new byte[valueLength];
                body.get(value);
            }
            headers[i] = new Header(new String(key, StandardCharsets.UTF_8), value);
        }
        return headers;
    }

    /**
     * Checks the record at {@code in}'s position as {@link #read} would, without building it (the produce path
     * validates every record and must not allocate per record), and advances past it.
     *
     * @return the record's offset delta
     * @throws CorruptRecordException if a length is impossible or the record does not fill its length exactly
     */
    static int skip(ByteBuffer in) {
        int length = readVarint(in);
        if (length < 0 || length > in.remaining()) {
            throw new CorruptRecordException("record length " + length + " but " + in.remaining()
                + " bytes remain");
        }
        int end = in.position() + length;
        in.get(); // attributes
        readVarlong(in);
        int offsetDelta = readVarint(in);
        skipLength(in, end, "key", true);
        skipLength(in, end, "value", true);
        int count = readVarint(in);
        if (count < 0 || count > (end - in.position()) / 2) {
            throw new CorruptRecordException("header count " + count + " but " + (end - in.position())
                + " bytes remain in the record");
        }
        for (int i = 0; i < count; i++) {
            skipLength(in, end, "header key", false);
            skipLength(in, end, "header value", true);
        }
        if (in.position() != end) {
            throw new CorruptRecordException("record at offset delta " + offsetDelta + " has "
                + (end - in.position()) + " bytes after its headers");
        }
        return offsetDelta;
    }

    private static void skipLength(ByteBuffer in, int end, String field, boolean nullable) {
        int length = readVarint(in);
        int remaining = end - in.position();
        if (length < (nullable ? NULL_LENGTH : 0) || length > remaining) {
            throw new CorruptRecordException(field + " length " + length + " but " + remaining
                + " bytes remain in the record");
        }
        in.position(in.position() + Math.max(length, 0));
    }

    /** Reads a length that is -1 (null) or fits in what remains. */
    private static int readLength(ByteBuffer body, String field) {
        int length = readVarint(body);
        if (length < NULL_LENGTH || length > body.remaining()) {
            throw new CorruptRecordException(field + " length " + length + " but " + body.remaining()
                + " bytes remain in the record");
        }
        return length;
    }
}
