package io.sluice.log.storage;

import java.nio.file.Path;

/**
 * Sparse map from timestamp to offset: entry n says "batches at or after {@code offset} may hold timestamps
 * ≥ {@code timestamp}". Timestamps only grow, so a lookup finds where to start scanning for the first record
 * at or after a target time. An entry is added with each offset-index entry when the segment's max timestamp
 * has grown since the last one.
 *
 * <p>Entry layout (12 bytes): {@code int64 timestamp | int32 offset - baseOffset}. Threading as in
 * {@link MappedIndex}.
 */
final class TimeIndex extends MappedIndex {
    static final int ENTRY_SIZE = 12;

    record Entry(long timestamp, long offset) {
    }

    TimeIndex(Path file, long baseOffset, int maxIndexSize) {
        super(file, baseOffset, maxIndexSize, ENTRY_SIZE);
    }

    @Override
    protected long keyAt(int n) {
        return buffer().getLong(entryPosition(n));
    }

    private long offsetAt(int n) {
        return baseOffset + buffer().getInt(entryPosition(n) + 8);
    }

    /**
     * The offset to start scanning from for the first record with timestamp ≥ {@code timestamp}: the offset of
     * the last entry strictly below it (all earlier batches are older), or the base offset.
     */
    long lookupScanStart(long timestamp) {
        int n = floorEntry(timestamp - 1);
        return n < 0 ? baseOffset : offsetAt(n);
    }

    Entry lastEntry() {
        int n = entries() - 1;
        return n < 0 ? new Entry(-1L, baseOffset) : new Entry(keyAt(n), offsetAt(n));
    }

    /** Adds an entry when {@code timestamp} is newer than the last one; older timestamps add nothing. */
    void maybeAppend(long timestamp, long offset) {
        if (isFull() || (entries() > 0 && timestamp <= lastEntry().timestamp())) {
            return;
        }
        int relative = Math.toIntExact(offset - baseOffset);
        appendEntry(at -> {
            buffer().putLong(at, timestamp);
            buffer().putInt(at + 8, relative);
        });
    }

    /** Drops entries for offsets ≥ {@code offset}; entries are ordered by offset too. */
    void truncateTo(long offset) {
        int keep = 0;
        while (keep < entries() && offsetAt(keep) < offset) {
            keep++;
        }
        truncateToEntries(keep);
    }
}
