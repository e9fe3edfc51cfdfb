package io.sluice.log.storage;

import io.sluice.log.errors.CorruptRecordException;
import io.sluice.log.errors.StorageException;
import io.sluice.log.record.Record;
import io.sluice.log.record.RecordBatch;
import io.sluice.log.record.RecordBatchDescriptor;
import io.sluice.log.record.RecordBatches;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One segment of a partition log: a {@code .log} file of record batches (bytes exactly as on the wire) with its
 * sparse {@link OffsetIndex} and {@link TimeIndex}.
 *
 * <p>Threading: the owning {@link PartitionLog}'s writer is the only thread that appends, truncates, recovers
 * or renames. Readers (fetches) run concurrently: they use positional reads bounded by {@link #sizeInBytes()},
 * which is volatile and advanced only after the bytes and index entries are written, so a reader never sees a
 * half-written batch. Truncation below a reader's position is the replication layer's concern (it happens only
 * after a leader change).
 *
 * <p>Invariants: batches are contiguous from position 0; offsets grow strictly; every index entry points at a
 * batch start within {@code [0, size)}.
 */
public final class LogSegment {
    private static final Logger log = LoggerFactory.getLogger(LogSegment.class);
    /** Bytes of a batch header a scan needs: through the last offset delta. */
    private static final int SCAN_HEADER_BYTES = RecordBatchDescriptor.LAST_OFFSET_DELTA_OFFSET + 4;
    /** One read covers the scan from an index entry in the common case (entries are 4 KiB apart by default). */
    private static final int SCAN_WINDOW_BYTES = 8 * 1024;

    private final long baseOffset;
    private final FileChannel channel;
    private final OffsetIndex offsetIndex;
    private final TimeIndex timeIndex;
    private final int indexIntervalBytes;
    private final long createdMs;
    private volatile Path logFile;
    private volatile int size;
    private volatile long maxTimestampSoFar = RecordBatchDescriptor.NO_TIMESTAMP;
    private volatile long offsetOfMaxTimestampSoFar = -1;
    private int bytesSinceLastIndexEntry;
    /** First batch's max timestamp: segment.ms rolls relative to it (or to creation for an empty segment). */
    private long firstBatchTimestamp = RecordBatchDescriptor.NO_TIMESTAMP;

    private LogSegment(Path logFile, long baseOffset, FileChannel channel, OffsetIndex offsetIndex,
                       TimeIndex timeIndex, int indexIntervalBytes, long createdMs, int size) {
        this.logFile = logFile;
        this.baseOffset = baseOffset;
        this.channel = channel;
        this.offsetIndex = offsetIndex;
        this.timeIndex = timeIndex;
        this.indexIntervalBytes = indexIntervalBytes;
        this.createdMs = createdMs;
        this.size = size;
    }

    /**
     * Opens (or creates) the segment at {@code baseOffset} in {@code dir}. Missing or malformed index files are
     * rebuilt from the log file, logged once. The caller recovers the segment if it may hold unsynced data.
     */
    public static LogSegment open(Path dir, long baseOffset, LogConfig config, long nowMs) {
        return open(LogFileNames.logFile(dir, baseOffset), LogFileNames.indexFile(dir, baseOffset),
            LogFileNames.timeIndexFile(dir, baseOffset), baseOffset, config, nowMs);
    }

    static LogSegment open(Path logFile, Path indexFile, Path timeIndexFile, long baseOffset, LogConfig config,
                           long nowMs) {
        try {
            boolean indexesExisted = Files.exists(indexFile) && Files.exists(timeIndexFile);
            FileChannel channel = FileChannel.open(logFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            long fileSize = channel.size();
            if (fileSize > Integer.MAX_VALUE) {
                channel.close();
                throw new StorageException("Segment " + logFile + " is " + fileSize + " bytes, over the 2 GiB limit");
            }
            long indexLengthOnDisk = indexesExisted ? Files.size(indexFile) : 0;
            long timeIndexLengthOnDisk = indexesExisted ? Files.size(timeIndexFile) : 0;
            OffsetIndex offsetIndex = new OffsetIndex(indexFile, baseOffset, config.segmentIndexBytes);
            TimeIndex timeIndex = new TimeIndex(timeIndexFile, baseOffset, config.segmentIndexBytes);
            LogSegment segment = new LogSegment(logFile, baseOffset, channel, offsetIndex, timeIndex,
                config.indexIntervalBytes, nowMs, (int) fileSize);
            if (!indexesExisted && fileSize > 0) {
                log.warn("Index files of {} are missing; rebuilding them from the log", logFile);
                segment.rebuildIndexes();
            } else {
                try {
                    offsetIndex.sanityCheck(indexLengthOnDisk, fileSize);
                    timeIndex.sanityCheck(timeIndexLengthOnDisk);
                    segment.loadTimestampsFromIndex();
                } catch (CorruptIndexException | CorruptRecordException e) {
                    log.warn("{}; rebuilding the indexes of {} from the log", e.getMessage(), logFile);
                    segment.rebuildIndexes();
                }
            }
            return segment;
        } catch (IOException e) {
            throw new StorageException("Cannot open segment " + logFile + ": " + e.getMessage(), e);
        }
    }

    public long baseOffset() {
        return baseOffset;
    }

    public int sizeInBytes() {
        return size;
    }

    public Path logFile() {
        return logFile;
    }

    FileChannel channel() {
        return channel;
    }

    /** Newest timestamp in the segment, or the creation time for a segment without timestamps. */
    public long largestTimestamp() {
        long max = maxTimestampSoFar;
        return max >= 0 ? max : createdMs;
    }

    long offsetOfMaxTimestamp() {
        return offsetOfMaxTimestampSoFar;
    }

    /**
     * Whether appending {@code batchBytes} more bytes ending at {@code lastOffset} requires a new segment. Age
     * is measured as Kafka does: in record time (the new batch's max timestamp against the segment's first
     * batch) when the segment has timestamps, else in wall-clock time since the segment was created.
     */
    boolean shouldRoll(int batchBytes, long lastOffset, long maxTimestamp, long nowMs, LogConfig config) {
        if (size == 0) {
            return false;
        }
        long age = firstBatchTimestamp >= 0 ? maxTimestamp - firstBatchTimestamp : nowMs - createdMs;
        return (long) size + batchBytes > config.segmentBytes
            || offsetIndex.isFull() || timeIndex.isFull()
            || lastOffset - baseOffset > Integer.MAX_VALUE
            || age > config.segmentMs;
    }

    /**
     * Appends validated batches that already carry their final offsets. {@code batches} holds one or more
     * complete batches from its position to its limit.
     */
    void append(ByteBuffer batches) {
        List<RecordBatch> views = new ArrayList<>();
        for (RecordBatch batch : RecordBatches.of(batches)) {
            views.add(batch);
        }
        append(batches, views);
    }

    /** As {@link #append(ByteBuffer)}, with the caller's views of the same batches (no second framing pass). */
    void append(ByteBuffer batches, List<RecordBatch> views) {
        int position = size;
        ByteBuffer toWrite = batches.duplicate();
        try {
            long writeAt = position;
            while (toWrite.hasRemaining()) {
                writeAt += channel.write(toWrite, writeAt);
            }
        } catch (IOException e) {
            throw new StorageException("Append to " + logFile + " failed: " + e.getMessage(), e);
        }
        int batchPosition = position;
        for (RecordBatch batch : views) {
            indexBatch(batch, batchPosition);
            batchPosition += batch.sizeInBytes();
        }
        size = batchPosition;
    }

    private void indexBatch(RecordBatch batch, int position) {
        long maxTimestamp = batch.maxTimestamp();
        if (maxTimestamp > maxTimestampSoFar) {
            maxTimestampSoFar = maxTimestamp;
            offsetOfMaxTimestampSoFar = batch.lastOffset();
        }
        if (firstBatchTimestamp < 0) {
            firstBatchTimestamp = maxTimestamp;
        }
        if (bytesSinceLastIndexEntry > indexIntervalBytes) {
            offsetIndex.append(batch.lastOffset(), position);
            timeIndex.maybeAppend(maxTimestampSoFar, batch.baseOffset());
            bytesSinceLastIndexEntry = 0;
        }
        bytesSinceLastIndexEntry += batch.sizeInBytes();
    }

    /** Where a batch sits in the file. */
    record BatchPosition(int position, long baseOffset, long lastOffset, int sizeInBytes) {
    }

    /**
     * The first batch whose last offset is ≥ {@code offset}, scanning from the index's hint, or null if the
     * segment holds no such batch within {@code [0, limit)}. Headers are scanned in one window read (the index
     * interval keeps the scan short) rather than one small read per batch.
     */
    BatchPosition findBatch(long offset, int limit) {
        int position = offsetIndex.lookup(offset).position();
        ByteBuffer window = ByteBuffer.allocate(SCAN_WINDOW_BYTES);
        int windowStart = position;
        window.limit(0);
        try {
            while (position + RecordBatchDescriptor.HEADER_SIZE <= limit) {
                int at = position - windowStart;
                if (at + SCAN_HEADER_BYTES > window.limit()) {
                    windowStart = position;
                    at = 0;
                    if (!readWindow(window, position, limit)) {
                        return null;
                    }
                }
                long base = window.getLong(at + RecordBatchDescriptor.BASE_OFFSET_OFFSET);
                int batchSize = RecordBatchDescriptor.LOG_OVERHEAD + window.getInt(at + RecordBatchDescriptor.LENGTH_OFFSET);
                long last = base + window.getInt(at + RecordBatchDescriptor.LAST_OFFSET_DELTA_OFFSET);
                if (last >= offset) {
                    return new BatchPosition(position, base, last, batchSize);
                }
                position += batchSize;
            }
            return null;
        } catch (IOException e) {
            throw new StorageException("Read of " + logFile + " failed: " + e.getMessage(), e);
        }
    }

    /** Fills {@code window} from {@code position}, up to {@code limit}; false if not even a header is there. */
    private boolean readWindow(ByteBuffer window, int position, int limit) throws IOException {
        window.clear().limit(Math.min(window.capacity(), limit - position));
        while (window.hasRemaining()) {
            if (channel.read(window, position + window.position()) < 0) {
                break;
            }
        }
        window.flip();
        return window.limit() >= SCAN_HEADER_BYTES;
    }

    /**
     * Batches from the one holding {@code startOffset}, up to {@code maxBytes} and never past
     * {@code maxPosition}; with {@code minOneBatch} the first batch is returned whole even if larger than
     * {@code maxBytes}. Null when the segment has nothing at or after {@code startOffset} below the bound.
     */
    FileSlice read(long startOffset, int maxBytes, int maxPosition, boolean minOneBatch) {
        int limit = Math.min(maxPosition, size);
        BatchPosition first = findBatch(startOffset, limit);
        if (first == null) {
            return null;
        }
        int wanted = minOneBatch ? Math.max(maxBytes, first.sizeInBytes()) : maxBytes;
        int length = Math.min(limit - first.position(), wanted);
        return new FileSlice(channel, first.position(), length);
    }

    /** Reads every batch of the segment in order (validating each when asked). */
    void forEachBatch(boolean validate, Consumer<RecordBatch> action) throws IOException {
        SegmentBatchReader reader = new SegmentBatchReader(channel, 0, size, validate);
        for (RecordBatch batch = reader.next(); batch != null; batch = reader.next()) {
            action.accept(batch);
        }
    }

    SegmentBatchReader reader(int fromPosition, boolean validate) {
        return new SegmentBatchReader(channel, fromPosition, size, validate);
    }

    /**
     * Validates every batch (size, magic, CRC-32C, increasing offsets), rebuilds both indexes, and truncates the
     * file at the first invalid byte. {@code onValidBatch} sees each good batch in order (producer state and
     * leader epochs are rebuilt from them).
     *
     * @return the number of bytes truncated (0 when the segment was intact)
     */
    int recover(int maxBatchBytes, Consumer<RecordBatch> onValidBatch) {
        offsetIndex.reset();
        timeIndex.reset();
        resetTimestamps();
        int fileSize = size;
        SegmentBatchReader reader = new SegmentBatchReader(channel, 0, fileSize, true);
        long nextOffset = baseOffset;
        int validBytes = 0;
        try {
            for (RecordBatch batch = reader.next(); batch != null; batch = reader.next()) {
                if (batch.baseOffset() < nextOffset) {
                    throw new CorruptRecordException("Batch at position " + validBytes + " has base offset "
                        + batch.baseOffset() + ", expected at least " + nextOffset);
                }
                if (batch.sizeInBytes() > maxBatchBytes) {
                    throw new CorruptRecordException("Batch at position " + validBytes + " is "
                        + batch.sizeInBytes() + " bytes, over the limit " + maxBatchBytes);
                }
                indexBatch(batch, validBytes);
                onValidBatch.accept(batch);
                nextOffset = batch.nextOffset();
                validBytes = (int) reader.position();
            }
        } catch (CorruptRecordException e) {
            log.warn("Segment {} is invalid from position {} ({}); truncating {} bytes", logFile, validBytes,
                e.getMessage(), fileSize - validBytes);
        } catch (IOException e) {
            throw new StorageException("Recovery read of " + logFile + " failed: " + e.getMessage(), e);
        }
        int truncated = fileSize - validBytes;
        if (truncated > 0) {
            truncateFile(validBytes);
        }
        return truncated;
    }

    private void rebuildIndexes() {
        int truncated = recover(Integer.MAX_VALUE, batch -> { });
        if (truncated > 0) {
            log.warn("Rebuilding the indexes of {} also dropped {} invalid trailing bytes", logFile, truncated);
        }
    }

    private void resetTimestamps() {
        maxTimestampSoFar = RecordBatchDescriptor.NO_TIMESTAMP;
        offsetOfMaxTimestampSoFar = -1;
        firstBatchTimestamp = RecordBatchDescriptor.NO_TIMESTAMP;
        bytesSinceLastIndexEntry = 0;
    }

    /** Restores the max timestamp from the last time-index entry and the batches after it. */
    private void loadTimestampsFromIndex() throws IOException {
        TimeIndex.Entry last = timeIndex.lastEntry();
        if (last.timestamp() >= 0) {
            maxTimestampSoFar = last.timestamp();
            offsetOfMaxTimestampSoFar = last.offset();
        }
        BatchPosition from = findBatch(last.offset(), size);
        if (from != null) {
            SegmentBatchReader reader = reader(from.position(), false);
            for (RecordBatch batch = reader.next(); batch != null; batch = reader.next()) {
                if (batch.maxTimestamp() > maxTimestampSoFar) {
                    maxTimestampSoFar = batch.maxTimestamp();
                    offsetOfMaxTimestampSoFar = batch.lastOffset();
                }
            }
        }
        if (size > 0) {
            SegmentBatchReader first = reader(0, false);
            firstBatchTimestamp = first.next().maxTimestamp();
        }
        bytesSinceLastIndexEntry = size - offsetIndex.lastEntry().position();
    }

    /**
     * The first record at or after {@code startingOffset} whose timestamp is ≥ {@code timestampMs}: the time
     * index gives where to start, batch max timestamps skip whole batches, and only the matching batch is
     * decompressed.
     */
    Optional<TimestampAndOffset> findOffsetByTimestamp(long timestampMs, long startingOffset) {
        long scanFrom = Math.max(timeIndex.lookupScanStart(timestampMs), startingOffset);
        BatchPosition from = findBatch(scanFrom, size);
        if (from == null) {
            return Optional.empty();
        }
        try {
            SegmentBatchReader reader = reader(from.position(), false);
            for (RecordBatch batch = reader.next(); batch != null; batch = reader.next()) {
                if (batch.maxTimestamp() < timestampMs || batch.lastOffset() < startingOffset) {
                    continue;
                }
                for (Iterator<Record> records = batch.records(); records.hasNext(); ) {
                    Record record = records.next();
                    if (record.offset() >= startingOffset && record.timestamp() >= timestampMs) {
                        return Optional.of(new TimestampAndOffset(record.timestamp(), record.offset(),
                            batch.partitionLeaderEpoch()));
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageException("Read of " + logFile + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Removes every batch from the one holding {@code offset} on (a batch straddling {@code offset} goes whole).
     *
     * @return the bytes removed
     */
    int truncateTo(long offset) {
        BatchPosition from = findBatch(offset, size);
        if (from == null) {
            return 0;
        }
        int removed = size - from.position();
        offsetIndex.truncateTo(offset);
        timeIndex.truncateTo(offset);
        truncateFile(from.position());
        // The max timestamp may have lived in the removed part: recompute from what is left.
        resetTimestamps();
        try {
            forEachBatch(false, batch -> {
                if (batch.maxTimestamp() > maxTimestampSoFar) {
                    maxTimestampSoFar = batch.maxTimestamp();
                    offsetOfMaxTimestampSoFar = batch.lastOffset();
                }
                if (firstBatchTimestamp < 0) {
                    firstBatchTimestamp = batch.maxTimestamp();
                }
            });
        } catch (IOException e) {
            throw new StorageException("Read of " + logFile + " failed: " + e.getMessage(), e);
        }
        bytesSinceLastIndexEntry = indexIntervalBytes + 1;
        return removed;
    }

    private void truncateFile(int newSize) {
        try {
            channel.truncate(newSize);
        } catch (IOException e) {
            throw new StorageException("Truncate of " + logFile + " failed: " + e.getMessage(), e);
        }
        size = newSize;
    }

    /** The offset after the last batch (reads the last batch's header), or the base offset when empty. */
    long readNextOffset() {
        OffsetIndex.Entry hint = offsetIndex.lastEntry();
        SegmentBatchReader reader = reader(hint.position(), false);
        long next = baseOffset;
        try {
            for (RecordBatch batch = reader.next(); batch != null; batch = reader.next()) {
                next = batch.nextOffset();
            }
        } catch (IOException e) {
            throw new StorageException("Read of " + logFile + " failed: " + e.getMessage(), e);
        }
        return next;
    }

    /** fdatasync of the log file: what makes appended batches durable. Indexes are rebuilt on recovery. */
    void flushData() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new StorageException("fsync of " + logFile + " failed: " + e.getMessage(), e);
        }
    }

    /** Syncs the log and both indexes: done once when the segment stops being active. */
    void flushAll() {
        flushData();
        offsetIndex.flush();
        timeIndex.flush();
    }

    /** Called when a newer segment becomes active: shrinks the index files to their entries. */
    void onRolled() {
        offsetIndex.trimToValidSize();
        timeIndex.trimToValidSize();
    }

    /** Reopened as the active segment: indexes grow back so they can take entries. */
    void onBecomeActive() {
        offsetIndex.growToMaxSize();
        timeIndex.growToMaxSize();
    }

    /** Renames every file of the segment by adding {@code suffix} (e.g. {@code .deleted}). */
    void addSuffix(String suffix) throws IOException {
        Path target = logFile.resolveSibling(logFile.getFileName() + suffix);
        Files.move(logFile, target, StandardCopyOption.ATOMIC_MOVE);
        logFile = target;
        offsetIndex.renameTo(offsetIndex.file().resolveSibling(offsetIndex.file().getFileName() + suffix));
        timeIndex.renameTo(timeIndex.file().resolveSibling(timeIndex.file().getFileName() + suffix));
    }

    /** Closes the file handle and trims the indexes; the files stay. */
    void close() {
        try {
            offsetIndex.close();
            timeIndex.close();
            channel.close();
        } catch (IOException e) {
            throw new StorageException("Close of " + logFile + " failed: " + e.getMessage(), e);
        }
    }

    /** Closes and deletes all files of the segment. */
    void closeAndDelete() {
        try {
            channel.close();
            Files.deleteIfExists(logFile);
            Files.deleteIfExists(offsetIndex.file());
            Files.deleteIfExists(timeIndex.file());
        } catch (IOException e) {
            throw new StorageException("Delete of " + logFile + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "LogSegment(" + logFile.getFileName() + ", size=" + size + ")";
    }
}
