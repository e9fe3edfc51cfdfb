package io.sluice.log.storage;

import io.sluice.log.errors.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A fixed-entry-size index file, memory-mapped, that a segment appends to and searches by binary search.
 * Entries hold a key (an offset or a timestamp) that never decreases.
 *
 * <p>Threading: one writer (the owning log's appender) calls the mutators; any thread may search. The entry
 * count is volatile and written after the entry bytes, so a reader sees a consistent prefix. Mutators that
 * remap (resize, trim) publish a new buffer through the volatile {@code mmap} field; old mappings are left to
 * the garbage collector rather than unmapped, so a concurrent reader can never touch unmapped memory.
 *
 * <p>Layout: {@code entrySize}-byte entries from position 0; the file is pre-allocated to the maximum index
 * size while the segment is active and trimmed to the live entries when the segment is rolled or closed.
 */
abstract class MappedIndex implements AutoCloseable {
    private volatile Path file;
    protected final long baseOffset;
    private final int entrySize;
    private final int maxIndexSize;
    private volatile MappedByteBuffer mmap;
    private volatile int entries;

    MappedIndex(Path file, long baseOffset, int maxIndexSize, int entrySize) {
        this.file = file;
        this.baseOffset = baseOffset;
        this.entrySize = entrySize;
        this.maxIndexSize = Math.max(entrySize, maxIndexSize - maxIndexSize % entrySize);
        try {
            boolean existed = Files.exists(file);
            long length = existed ? Files.size(file) : 0;
            this.entries = (int) (length / entrySize);
            // Map at the maximum size so appends need no remap; trimmed back on roll/close.
            this.mmap = map(Math.max(this.maxIndexSize, entries * entrySize));
        } catch (IOException e) {
            throw new StorageException("Cannot open index " + file + ": " + e.getMessage(), e);
        }
    }

    private MappedByteBuffer map(int size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE)) {
            if (channel.size() != size) {
                channel.truncate(Math.min(size, channel.size()));
                if (channel.size() < size) {
                    // Extend the file sparsely: write one byte at the end instead of zero-filling.
                    channel.write(java.nio.ByteBuffer.wrap(new byte[1]), size - 1L);
                }
            }
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
        }
    }

    final int entries() {
        return entries;
    }

    final boolean isFull() {
        return entries >= maxIndexSize / entrySize;
    }

    final int maxEntries() {
        return maxIndexSize / entrySize;
    }

    final Path file() {
        return file;
    }

    /** The buffer to read entry {@code n} from; callers use absolute gets only. */
    protected final MappedByteBuffer buffer() {
        return mmap;
    }

    protected final int entryPosition(int n) {
        return n * entrySize;
    }

    /** Appends the entry written by {@code writer} at the next slot; the caller checked {@link #isFull()}. */
    protected final void appendEntry(java.util.function.IntConsumer writer) {
        int n = entries;
        if (n >= maxEntries()) {
            throw new IllegalStateException("Index " + file + " is full (" + n + " entries)");
        }
        writer.accept(n * entrySize);
        entries = n + 1;
    }

    /** The largest entry index whose key is ≤ {@code target}, or -1 if every key is greater. */
    protected final int floorEntry(long target) {
        int lo = 0;
        int hi = entries - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (keyAt(mid) <= target) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** The search key of entry {@code n} (absolute offset or timestamp). */
    protected abstract long keyAt(int n);

    /** Drops entries whose key is ≥ {@code key}. */
    protected final void truncateToKey(long key) {
        int keep = floorEntry(key - 1) + 1;
        truncateToEntries(keep);
    }

    final void truncateToEntries(int count) {
        if (count < entries) {
            entries = count;
        }
    }

    final void reset() {
        entries = 0;
    }

    /**
     * Checks the file shape: a whole number of entries and keys that never decrease.
     *
     * @throws CorruptIndexException naming the file and the first bad entry
     */
    void sanityCheck(long fileLength) {
        if (fileLength % entrySize != 0) {
            throw new CorruptIndexException("Index " + file + " has length " + fileLength
                + ", not a multiple of the entry size " + entrySize);
        }
        for (int i = 1; i < entries; i++) {
            if (keyAt(i) < keyAt(i - 1)) {
                throw new CorruptIndexException("Index " + file + " entry " + i + " has key " + keyAt(i)
                    + " below the previous entry's " + keyAt(i - 1));
            }
        }
    }

    long fileLengthOnDisk() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Shrinks the file to the live entries: done when the segment stops being active. */
    final void trimToValidSize() {
        remap(entries * entrySize);
    }

    /** Grows the file back to the maximum size so a reopened active segment can append. */
    final void growToMaxSize() {
        remap(maxIndexSize);
    }

    private void remap(int size) {
        try {
            mmap.force();
            mmap = map(Math.max(size, 0));
        } catch (IOException e) {
            throw new StorageException("Cannot resize index " + file + ": " + e.getMessage(), e);
        }
    }

    void flush() {
        mmap.force();
    }

    /** Trims the file to its live entries; the mapping itself is released by the GC. */
    @Override
    public void close() {
        trimToValidSize();
    }

    /** Renames the file (for deletion or a compaction swap); the mapping stays valid. */
    void renameTo(Path target) throws IOException {
        Files.move(file, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        file = target;
    }
}
