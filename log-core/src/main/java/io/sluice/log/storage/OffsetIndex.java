package io.sluice.log.storage;

import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/**
 * Sparse map from offset to the file position of the batch holding it, one entry per
 * {@code index.interval.bytes} appended. A lookup gives the closest entry at or below the wanted offset; the
 * segment scans batch headers forward from there.
 *
 * <p>Entry layout (8 bytes): {@code int32 offset - baseOffset | int32 position in the .log file}.
 * Threading as in {@link MappedIndex}.
 */
final class OffsetIndex extends MappedIndex {
    static final int ENTRY_SIZE = 8;

    /** An index hit: the batch holding {@code offset} or an earlier one starts at {@code position}. */
    record Entry(long offset, int position) {
    }

    OffsetIndex(Path file, long baseOffset, int maxIndexSize) {
        super(file, baseOffset, maxIndexSize, ENTRY_SIZE);
    }

    @Override
    protected long keyAt(int n) {
        return baseOffset + buffer().getInt(entryPosition(n));
    }

    private int positionAt(MappedByteBuffer buffer, int n) {
        return buffer.getInt(entryPosition(n) + 4);
    }

    /** The entry with the largest offset ≤ {@code offset}, or (baseOffset, 0) when there is none. */
    Entry lookup(long offset) {
        int n = floorEntry(offset);
        if (n < 0) {
            return new Entry(baseOffset, 0);
        }
        return new Entry(keyAt(n), positionAt(buffer(), n));
    }

    Entry lastEntry() {
        int n = entries() - 1;
        return n < 0 ? new Entry(baseOffset, 0) : new Entry(keyAt(n), positionAt(buffer(), n));
    }

    /** Records that the batch whose last offset is {@code offset} starts at {@code position}. */
    void append(long offset, int position) {
        int relative = Math.toIntExact(offset - baseOffset);
        appendEntry(at -> {
            buffer().putInt(at, relative);
            buffer().putInt(at + 4, position);
        });
    }

    /** Drops entries for offsets ≥ {@code offset}. */
    void truncateTo(long offset) {
        truncateToKey(offset);
    }

    /** Additionally checks that no entry points past the end of the log file. */
    void sanityCheck(long fileLength, long logSizeBytes) {
        super.sanityCheck(fileLength);
        if (entries() > 0 && lastEntry().position() > logSizeBytes) {
            throw new CorruptIndexException("Index " + file() + " last entry points at position "
                + lastEntry().position() + " beyond the log size " + logSizeBytes);
        }
    }
}
