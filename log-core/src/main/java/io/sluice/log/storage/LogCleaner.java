package io.sluice.log.storage;

import io.sluice.log.errors.CorruptCheckpointException;
import io.sluice.log.errors.StorageException;
import io.sluice.log.record.Record;
import io.sluice.log.record.RecordBatch;
import io.sluice.log.record.RecordBatchBuilder;
import io.sluice.log.util.Time;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log compaction: for every log whose {@code cleanup.policy} contains {@code compact}, keeps the latest record
 * of each key and drops the older ones, with Kafka's observable semantics (offsets of kept records never
 * change; readers skip the gaps).
 *
 * <h2>Threading</h2>
 * Runs on the log manager's scheduler thread ({@link #cleanAll()} every {@code log.cleaner.backoff.ms}) and on
 * callers of {@link LogManager#compactNow()}; both entry points are {@code synchronized}, so two cleanings never
 * overlap. Cleaning reads only inactive segments, which appends never touch, without any lock; the new
 * segments are installed by {@link PartitionLog#replaceSegments} under the log's write lock, which refuses the
 * swap if retention, truncation or a concurrent change removed one of the old segments meanwhile (the
 * cleaning then fails and is retried on the next pass). Fetches keep reading the old files until their
 * deletion delay passes.
 *
 * <h2>Algorithm</h2>
 * <ol>
 *   <li><b>Range.</b> The <em>cleanable</em> segments are the inactive ones (never the active segment) before the
 *   first non-empty segment whose largest timestamp is newer than {@code now - min.compaction.lag.ms}. Within
 *   them, offsets from the log start to the <em>first dirty offset</em> were compacted before; the rest is
 *   dirty. The first dirty offset of each partition is checkpointed in {@code cleaner-offset-checkpoint} in
 *   the data directory, and reset to the log start when it lies outside {@code [logStart, logEnd]}.</li>
 *   <li><b>Choice.</b> {@link #cleanAll()} cleans a log when dirty bytes / cleanable bytes reach
 *   {@code min.cleanable.dirty.ratio}, or when a tombstone it kept reaches its delete horizon.
 *   {@link #clean(PartitionLog)} cleans unconditionally.</li>
 *   <li><b>Pass 1.</b> Builds key bytes → latest offset over the dirty range. The map's estimated memory is
 *   bounded ({@code maxMapBytes}); when full, mapping stops at a batch boundary, which becomes the end of this
 *   cleaning (the next one continues from there).</li>
 *   <li><b>Pass 2.</b> Rewrites every cleanable segment from the log start up to that end, in groups of
 *   consecutive segments whose total size fits {@code segment.bytes} and whose offsets fit an int relative to
 *   the group's base. A record is kept iff no later record has its key (map offset ≤ record offset); records
 *   without a key are always kept; a tombstone (null value) is kept until its batch's <em>delete horizon</em>:
 *   the first cleaning that keeps a tombstone stamps its batch with {@code now + delete.retention.ms}
 *   (the header's delete-horizon flag, as in Kafka 3+), and a later cleaning after that time drops it.
 *   Control batches are kept whole. Unchanged batches are copied byte for byte; changed ones are rebuilt with
 *   their original header and compression ({@link RecordBatchBuilder#copyingHeaderOf}).</li>
 *   <li><b>Swap.</b> Each group's output ({@code .cleaned} segments, {@link SegmentSwaps#createCleaned}) replaces
 *   the group through {@link PartitionLog#replaceSegments}; the checkpoint then advances to the end.</li>
 * </ol>
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>A batch whose records all go is dropped, unless it is the last batch of a producer still in the
 *   producer state (its empty header keeps the producer's last sequence and offsets, so the next sequence
 *   still validates and a retry is still detected after a reload) or the last batch of its group.</li>
 *   <li>Every cleaned segment ends with the last batch (possibly emptied) of the segments it replaces, and
 *   consecutive cleaned segments of a group are contiguous, so a swap that an open completes after a crash
 *   ({@link SegmentSwaps#completeInterruptedSwaps}) covers, and deletes, every segment it replaced.</li>
 *   <li>Kept records keep their offsets, timestamps, headers and their batch's producer fields and epoch.</li>
 *   <li>Nothing in or after the active segment, and nothing newer than {@code min.compaction.lag.ms}, changes.</li>
 * </ul>
 *
 * <p>Not done (see docs/design/0002-compaction.md): transaction-aware cleaning (aborted data, markers),
 * {@code max.compaction.lag.ms}, bounding the range by the high watermark, throttling.
 */
final class LogCleaner {
    /** Default bound on the key → offset map (Kafka's {@code log.cleaner.dedupe.buffer.size} default). */
    static final long DEFAULT_MAX_MAP_BYTES = 128L << 20;
    /** Estimated heap per map entry besides the key bytes: hash node, buffer object, array header, boxed offset. */
    static final int MAP_ENTRY_OVERHEAD_BYTES = 128;
    private static final int WRITE_BUFFER_BYTES = 1 << 20;
    private static final Logger log = LoggerFactory.getLogger(LogCleaner.class);

    /** Installs cleaned segments; {@link PartitionLog#replaceSegments} outside of tests. */
    @FunctionalInterface
    interface SegmentReplacer {
        void replace(PartitionLog partitionLog, List<LogSegment> cleaned, List<LogSegment> oldSegments);
    }

    /**
     * What one cleaning did.
     *
     * @param bytesRead      bytes of the segments rewritten (pass 2)
     * @param bytesWritten   bytes of the segments that replaced them
     * @param recordsRead    records examined in pass 2
     * @param recordsRemoved records dropped (superseded, or tombstones past their delete horizon)
     * @param segmentsReplaced old segments swapped out
     * @param firstDirtyOffset where the dirty range started
     * @param endOffset      where this cleaning stopped: the next cleaning's first dirty offset
     */
    record CleanerStats(long bytesRead, long bytesWritten, long recordsRead, long recordsRemoved,
                        int segmentsReplaced, long firstDirtyOffset, long endOffset) {
    }

    private final Supplier<Map<TopicPartition, PartitionLog>> logs;
    private final Time time;
    private final long maxMapBytes;
    private final SegmentReplacer replacer;
    private final OffsetCheckpointFile checkpoint;
    /** Guarded by {@code this}. */
    private final Map<TopicPartition, Long> firstDirtyOffsets = new HashMap<>();
    /** Earliest delete horizon of a tombstone kept by the last cleaning, per partition. Guarded by {@code this}. */
    private final Map<TopicPartition, Long> nextDeleteHorizons = new HashMap<>();
    private long failures;

    /**
     * @param logs    the logs to consider, read at each pass
     * @param dataDir the log manager's data directory, which holds {@code cleaner-offset-checkpoint}
     */
    LogCleaner(Supplier<Map<TopicPartition, PartitionLog>> logs, Time time, Path dataDir) {
        this(logs, time, dataDir, DEFAULT_MAX_MAP_BYTES, PartitionLog::replaceSegments);
    }

    LogCleaner(Supplier<Map<TopicPartition, PartitionLog>> logs, Time time, Path dataDir, long maxMapBytes,
               SegmentReplacer replacer) {
        if (maxMapBytes <= 0) {
            throw new IllegalArgumentException("maxMapBytes must be > 0, got " + maxMapBytes);
        }
        this.logs = logs;
        this.time = time;
        this.maxMapBytes = maxMapBytes;
        this.replacer = replacer;
        this.checkpoint = new OffsetCheckpointFile(dataDir.resolve(OffsetCheckpointFile.CLEANER_OFFSET_FILE_NAME));
        try {
            firstDirtyOffsets.putAll(checkpoint.read());
        } catch (CorruptCheckpointException | UncheckedIOException e) {
            // Losing the checkpoint only costs work: every log is then cleaned from its start once.
            log.warn("Ignoring unreadable cleaner checkpoint {}: {}", checkpoint.path(), e.getMessage());
        }
    }

    /**
     * One pass over every compacted log: cleans those whose dirty ratio reached {@code min.cleanable.dirty.ratio}
     * or that hold a tombstone past its delete horizon. A failing log is logged and counted, never thrown: the
     * others are still cleaned and it is retried on the next pass.
     *
     * @return the number of logs cleaned
     */
    synchronized int cleanAll() {
        int cleaned = 0;
        for (PartitionLog partitionLog : logs.get().values()) {
            if (Thread.currentThread().isInterrupted()) {
                log.info("Cleaner pass interrupted; remaining logs wait for the next pass");
                break;
            }
            try {
                if (partitionLog.config().compact && needsCleaning(partitionLog)) {
                    clean(partitionLog);
                    cleaned++;
                }
            } catch (RuntimeException e) {
                failures++;
                log.error("Compaction of {} failed; retrying on the next cleaner pass", partitionLog.topicPartition(), e);
            }
        }
        return cleaned;
    }

    /** Cleanings that failed since start. */
    synchronized long failures() {
        return failures;
    }

    /** The checkpointed first dirty offset of {@code tp}, if the cleaner has one. */
    synchronized OptionalLong firstDirtyOffset(TopicPartition tp) {
        Long offset = firstDirtyOffsets.get(tp);
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /**
     * Cleans {@code partitionLog} now, whatever its dirty ratio (but within the cleanable range: never the
     * active segment nor records newer than {@code min.compaction.lag.ms}).
     *
     * @throws StorageException if reading or writing segments fails; the log is then unchanged or partly
     *     cleaned group by group, never inconsistent
     */
    synchronized CleanerStats clean(PartitionLog partitionLog) {
        long now = time.milliseconds();
        LogConfig config = partitionLog.config();
        CleanableRange range = cleanableRange(partitionLog, now);
        if (range.segments().isEmpty()) {
            return new CleanerStats(0, 0, 0, 0, 0, range.firstDirtyOffset(), range.firstDirtyOffset());
        }
        OffsetMap map = range.firstDirtyOffset() < range.firstUncleanableOffset()
            ? buildOffsetMap(range, partitionLog) : new OffsetMap(maxMapBytes, range.firstUncleanableOffset());
        long endOffset = map.endOffset;
        List<LogSegment> toRewrite = new ArrayList<>();
        List<Long> nextBases = new ArrayList<>();
        for (int i = 0; i < range.segments().size(); i++) {
            if (range.segments().get(i).baseOffset() < endOffset) {
                toRewrite.add(range.segments().get(i));
                nextBases.add(range.nextBases().get(i));
            }
        }
        Map<Long, Long> lastOffsetByProducer = new HashMap<>();
        for (ProducerStateEntry entry : partitionLog.producerState().activeProducers().values()) {
            if (!entry.batches().isEmpty()) {
                lastOffsetByProducer.put(entry.producerId(),
                    entry.batches().get(entry.batches().size() - 1).lastOffset());
            }
        }
        Pass2 pass = new Pass2(partitionLog, config, map, lastOffsetByProducer, now);
        for (List<LogSegment> group : groupBySize(toRewrite, nextBases, config)) {
            pass.cleanGroup(group);
        }
        long newFirstDirty = Math.max(range.firstDirtyOffset(), endOffset);
        firstDirtyOffsets.put(partitionLog.topicPartition(), newFirstDirty);
        if (pass.earliestKeptHorizon == Long.MAX_VALUE) {
            nextDeleteHorizons.remove(partitionLog.topicPartition());
        } else {
            nextDeleteHorizons.put(partitionLog.topicPartition(), pass.earliestKeptHorizon);
        }
        writeCheckpoint();
        CleanerStats stats = new CleanerStats(pass.bytesRead, pass.bytesWritten, pass.recordsRead,
            pass.recordsRemoved, pass.segmentsReplaced, range.firstDirtyOffset(), newFirstDirty);
        log.info("Cleaned {}: offsets [{}, {}) dirty, {} segments rewritten, {} → {} bytes, {} of {} records removed",
            partitionLog.topicPartition(), range.firstDirtyOffset(), newFirstDirty, stats.segmentsReplaced(),
            stats.bytesRead(), stats.bytesWritten(), stats.recordsRemoved(), stats.recordsRead());
        return stats;
    }

    // ----------------------------------------------------------------------------------------------- range

    /**
     * @param segments      the cleanable segments, oldest first
     * @param nextBases     for each of them, the base offset of the segment after it (where it ends)
     */
    private record CleanableRange(List<LogSegment> segments, List<Long> nextBases, long firstDirtyOffset,
                                  long firstUncleanableOffset, long cleanBytes, long dirtyBytes) {
    }

    private CleanableRange cleanableRange(PartitionLog partitionLog, long now) {
        List<LogSegment> inactive = partitionLog.inactiveSegments();
        List<Long> allBases = partitionLog.segmentBaseOffsets();
        long lagHorizon = now - partitionLog.config().minCompactionLagMs;
        List<LogSegment> segments = new ArrayList<>();
        List<Long> nextBases = new ArrayList<>();
        long firstUncleanable = -1;
        for (int i = 0; i < inactive.size(); i++) {
            LogSegment segment = inactive.get(i);
            // An empty segment (all of it removed before) holds nothing too new; its creation time is meaningless.
            if (segment.sizeInBytes() > 0 && segment.largestTimestamp() > lagHorizon) {
                firstUncleanable = segment.baseOffset();
                break;
            }
            segments.add(segment);
            nextBases.add(nextBaseAfter(allBases, segment.baseOffset()));
        }
        if (firstUncleanable < 0) {
            firstUncleanable = inactive.isEmpty() ? partitionLog.logEndOffset()
                : nextBaseAfter(allBases, inactive.get(inactive.size() - 1).baseOffset());
        }
        long logStart = partitionLog.logStartOffset();
        Long checkpointed = firstDirtyOffsets.get(partitionLog.topicPartition());
        long firstDirty = checkpointed == null || checkpointed < logStart || checkpointed > partitionLog.logEndOffset()
            ? logStart : checkpointed;
        long cleanBytes = 0;
        long dirtyBytes = 0;
        for (int i = 0; i < segments.size(); i++) {
            if (nextBases.get(i) <= firstDirty) {
                cleanBytes += segments.get(i).sizeInBytes();
            } else {
                dirtyBytes += segments.get(i).sizeInBytes();
            }
        }
        return new CleanableRange(segments, nextBases, firstDirty, firstUncleanable, cleanBytes, dirtyBytes);
    }

    private static long nextBaseAfter(List<Long> bases, long base) {
        for (long candidate : bases) {
            if (candidate > base) {
                return candidate;
            }
        }
        throw new IllegalStateException("Segment at " + base + " has no successor although it is inactive");
    }

    private boolean needsCleaning(PartitionLog partitionLog) {
        long now = time.milliseconds();
        Long horizon = nextDeleteHorizons.get(partitionLog.topicPartition());
        if (horizon != null && now >= horizon) {
            return true;
        }
        CleanableRange range = cleanableRange(partitionLog, now);
        if (range.dirtyBytes() == 0) {
            return false;
        }
        double ratio = (double) range.dirtyBytes() / (range.cleanBytes() + range.dirtyBytes());
        return ratio >= partitionLog.config().minCleanableDirtyRatio;
    }

    // --------------------------------------------------------------------------------------------- pass 1

    /**
     * Maps every keyed record of the dirty range to its latest offset, stopping at a batch boundary once the
     * map is full. Control batches hold no user keys and are skipped.
     */
    private OffsetMap buildOffsetMap(CleanableRange range, PartitionLog partitionLog) {
        OffsetMap map = new OffsetMap(maxMapBytes, range.firstUncleanableOffset());
        long firstDirty = range.firstDirtyOffset();
        for (int i = 0; i < range.segments().size(); i++) {
            if (range.nextBases().get(i) <= firstDirty) {
                continue;
            }
            LogSegment segment = range.segments().get(i);
            SegmentBatchReader reader = segment.reader(0, true);
            try {
                for (RecordBatch batch = reader.next(); batch != null; batch = reader.next()) {
                    if (batch.lastOffset() < firstDirty || batch.isControlBatch()) {
                        continue;
                    }
                    if (map.isFull()) {
                        map.endOffset = Math.max(batch.baseOffset(), firstDirty);
                        log.info("Cleaner offset map of {} is full ({} keys); cleaning up to offset {} this time",
                            partitionLog.topicPartition(), map.size(), map.endOffset);
                        return map;
                    }
                    checkNotInterrupted(partitionLog);
                    for (Iterator<Record> records = batch.records(); records.hasNext(); ) {
                        Record record = records.next();
                        ByteBuffer key = record.key();
                        if (key != null && record.offset() >= firstDirty) {
                            map.put(key, record.offset());
                        }
                    }
                }
            } catch (IOException e) {
                throw new StorageException("Cleaner read of " + segment.logFile() + " failed: " + e.getMessage(), e);
            }
        }
        return map;
    }

    /**
     * Key bytes → latest offset. Memory is estimated as key bytes plus {@link #MAP_ENTRY_OVERHEAD_BYTES} per
     * entry; the map reports full once the estimate reaches the bound, so it exceeds it by at most one batch.
     * Lookups take the record's key view directly (no copy): {@link ByteBuffer#equals} compares contents.
     */
    private static final class OffsetMap {
        private final HashMap<ByteBuffer, Long> offsets = new HashMap<>();
        private final long maxBytes;
        private long estimatedBytes;
        /** Exclusive end of the offsets this map covers. */
        private long endOffset;

        OffsetMap(long maxBytes, long endOffset) {
            this.maxBytes = maxBytes;
            this.endOffset = endOffset;
        }

        void put(ByteBuffer key, long offset) {
            ByteBuffer owned = key.remaining() == 0 ? ByteBuffer.allocate(0) : copyOf(key);
            if (offsets.put(owned, offset) == null) {
                estimatedBytes += owned.capacity() + MAP_ENTRY_OVERHEAD_BYTES;
            }
        }

        /** The latest offset of {@code key}, or -1 when the dirty range does not hold it. */
        long latestOffset(ByteBuffer key) {
            Long offset = offsets.get(key);
            return offset == null ? -1 : offset;
        }

        boolean isFull() {
            return estimatedBytes >= maxBytes;
        }

        int size() {
            return offsets.size();
        }

        private static ByteBuffer copyOf(ByteBuffer key) {
            ByteBuffer copy = ByteBuffer.allocate(key.remaining());
            copy.put(key.duplicate()).flip();
            return copy;
        }
    }

    // --------------------------------------------------------------------------------------------- pass 2

    /**
     * Consecutive non-empty segments whose sizes sum to at most {@code segment.bytes} and whose offsets (up to
     * the next segment's base) fit an int relative to the first one's base. Empty segments are left alone.
     */
    private static List<List<LogSegment>> groupBySize(List<LogSegment> segments, List<Long> nextBases,
                                                      LogConfig config) {
        List<List<LogSegment>> groups = new ArrayList<>();
        int i = 0;
        while (i < segments.size()) {
            LogSegment first = segments.get(i);
            i++;
            if (first.sizeInBytes() == 0) {
                continue;
            }
            List<LogSegment> group = new ArrayList<>(List.of(first));
            long bytes = first.sizeInBytes();
            while (i < segments.size()) {
                LogSegment next = segments.get(i);
                long lastOffset = nextBases.get(i) - 1;
                if (next.sizeInBytes() == 0 || bytes + next.sizeInBytes() > config.segmentBytes
                    || lastOffset - first.baseOffset() > Integer.MAX_VALUE) {
                    break;
                }
                group.add(next);
                bytes += next.sizeInBytes();
                i++;
            }
            groups.add(group);
        }
        return groups;
    }

    /** Pass 2 over one log: rewrites groups of segments and swaps each in. */
    private final class Pass2 {
        private final PartitionLog partitionLog;
        private final LogConfig config;
        private final OffsetMap map;
        private final Map<Long, Long> lastOffsetByProducer;
        private final long now;
        long bytesRead;
        long bytesWritten;
        long recordsRead;
        long recordsRemoved;
        int segmentsReplaced;
        long earliestKeptHorizon = Long.MAX_VALUE;

        Pass2(PartitionLog partitionLog, LogConfig config, OffsetMap map, Map<Long, Long> lastOffsetByProducer,
              long now) {
            this.partitionLog = partitionLog;
            this.config = config;
            this.map = map;
            this.lastOffsetByProducer = lastOffsetByProducer;
            this.now = now;
        }

        void cleanGroup(List<LogSegment> group) {
            CleanedOutput output = new CleanedOutput(partitionLog.dir(), group.get(0).baseOffset(), config, now);
            boolean installed = false;
            try {
                for (int i = 0; i < group.size(); i++) {
                    LogSegment segment = group.get(i);
                    boolean lastSegment = i == group.size() - 1;
                    int size = segment.sizeInBytes();
                    SegmentBatchReader reader = segment.reader(0, true);
                    for (RecordBatch batch = reader.next(); batch != null; batch = reader.next()) {
                        checkNotInterrupted(partitionLog);
                        boolean lastOfGroup = lastSegment && reader.position() >= size;
                        ByteBuffer kept = filter(batch, lastOfGroup);
                        if (kept != null) {
                            output.write(kept);
                        }
                    }
                    bytesRead += size;
                }
                List<LogSegment> cleaned = output.finish();
                long written = 0;
                for (LogSegment segment : cleaned) {
                    written += segment.sizeInBytes();
                }
                replacer.replace(partitionLog, cleaned, group);
                installed = true;
                bytesWritten += written;
                segmentsReplaced += group.size();
            } catch (IOException e) {
                throw new StorageException("Cleaner read of " + partitionLog.topicPartition() + " failed: "
                    + e.getMessage(), e);
            } finally {
                if (!installed) {
                    output.abort();
                }
            }
        }

        /** The batch as it should be written, or null to drop it. */
        private ByteBuffer filter(RecordBatch batch, boolean lastOfGroup) {
            if (batch.isControlBatch()) {
                return batch.buffer();
            }
            boolean horizonPassed = batch.hasDeleteHorizon() && now >= batch.baseTimestamp();
            List<Record> kept = new ArrayList<>(batch.recordCount());
            boolean keptTombstone = false;
            int removed = 0;
            for (Iterator<Record> records = batch.records(); records.hasNext(); ) {
                Record record = records.next();
                recordsRead++;
                if (shouldKeep(record, horizonPassed)) {
                    kept.add(record);
                    // Keyless records are never removed, so only keyed tombstones wait for a horizon.
                    keptTombstone |= record.key() != null && record.value() == null;
                } else {
                    removed++;
                }
            }
            recordsRemoved += removed;
            boolean stampHorizon = keptTombstone && !batch.hasDeleteHorizon();
            if (keptTombstone) {
                long horizon = stampHorizon ? now + config.deleteRetentionMs : batch.baseTimestamp();
                earliestKeptHorizon = Math.min(earliestKeptHorizon, horizon);
            }
            if (removed == 0 && !stampHorizon) {
                return batch.buffer();
            }
            if (kept.isEmpty() && !lastOfGroup && !isLastBatchOfActiveProducer(batch)) {
                return null;
            }
            RecordBatchBuilder builder = RecordBatchBuilder.copyingHeaderOf(batch);
            if (stampHorizon) {
                builder.deleteHorizonMs(now + config.deleteRetentionMs);
            }
            for (Record record : kept) {
                builder.append(record);
            }
            return builder.build();
        }

        private boolean shouldKeep(Record record, boolean horizonPassed) {
            ByteBuffer key = record.key();
            if (key == null) {
                // Compaction cannot deduplicate keyless records; dropping them would lose data silently
                // (e.g. a topic switched from delete to compact). Kafka drops them; we keep them.
                return true;
            }
            if (map.latestOffset(key) > record.offset()) {
                return false;
            }
            return record.value() != null || !horizonPassed;
        }

        private boolean isLastBatchOfActiveProducer(RecordBatch batch) {
            if (!batch.hasProducerId()) {
                return false;
            }
            Long last = lastOffsetByProducer.get(batch.producerId());
            return last != null && last == batch.lastOffset();
        }
    }

    /**
     * The {@code .cleaned} segments written for one group. Starts one at the group's base; when the next batch
     * would overflow {@code segment.bytes} or the index capacity (conservatively, one entry per batch), starts
     * the next one exactly where the previous one's last batch ends, so the segments stay contiguous.
     */
    private static final class CleanedOutput {
        private final Path dir;
        private final LogConfig config;
        private final long now;
        private final int maxBatchesPerSegment;
        private final List<LogSegment> segments = new ArrayList<>();
        private final ByteBuffer pending = ByteBuffer.allocate(WRITE_BUFFER_BYTES);
        private LogSegment current;
        private long currentBytes;
        private int currentBatches;
        private long nextOffset;

        CleanedOutput(Path dir, long baseOffset, LogConfig config, long now) {
            this.dir = dir;
            this.config = config;
            this.now = now;
            this.maxBatchesPerSegment = Math.max(1, config.segmentIndexBytes / TimeIndex.ENTRY_SIZE);
            start(baseOffset);
        }

        private void start(long baseOffset) {
            current = SegmentSwaps.createCleaned(dir, baseOffset, config, now);
            segments.add(current);
            currentBytes = 0;
            currentBatches = 0;
        }

        void write(ByteBuffer batchBytes) {
            RecordBatch batch = RecordBatch.wrap(batchBytes.duplicate());
            int size = batch.sizeInBytes();
            if (currentBatches > 0
                && (currentBytes + size > config.segmentBytes || currentBatches >= maxBatchesPerSegment)) {
                flushPending();
                start(nextOffset);
            }
            if (size > pending.remaining()) {
                flushPending();
            }
            if (size > pending.capacity()) {
                current.append(batchBytes.duplicate());
            } else {
                pending.put(batchBytes.duplicate());
            }
            currentBytes += size;
            currentBatches++;
            nextOffset = batch.nextOffset();
        }

        private void flushPending() {
            if (pending.position() > 0) {
                pending.flip();
                current.append(pending);
                pending.clear();
            }
        }

        List<LogSegment> finish() {
            flushPending();
            return List.copyOf(segments);
        }

        /** Removes the output of a cleaning that was not installed. */
        void abort() {
            for (LogSegment segment : segments) {
                try {
                    segment.closeAndDelete();
                } catch (RuntimeException e) {
                    log.warn("Cannot delete unfinished cleaner output {}: {}", segment.logFile(), e.getMessage());
                }
            }
        }
    }

    private static void checkNotInterrupted(PartitionLog partitionLog) {
        if (Thread.currentThread().isInterrupted()) {
            throw new StorageException("Compaction of " + partitionLog.topicPartition() + " was interrupted");
        }
    }

    private void writeCheckpoint() {
        Map<TopicPartition, PartitionLog> current = logs.get();
        firstDirtyOffsets.keySet().retainAll(current.keySet());
        nextDeleteHorizons.keySet().retainAll(current.keySet());
        try {
            checkpoint.write(firstDirtyOffsets);
        } catch (UncheckedIOException e) {
            // The segments are already swapped; a stale checkpoint only makes the next cleaning redo work.
            log.warn("Cannot write the cleaner checkpoint {}: {}", checkpoint.path(), e.getMessage());
        }
    }
}
