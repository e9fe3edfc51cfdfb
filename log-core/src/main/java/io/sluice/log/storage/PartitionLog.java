package io.sluice.log.storage;

import io.sluice.log.errors.CorruptCheckpointException;
import io.sluice.log.errors.CorruptRecordException;
import io.sluice.log.errors.FencedLeaderEpochException;
import io.sluice.log.errors.LogTruncatedException;
import io.sluice.log.errors.OffsetOutOfRangeException;
import io.sluice.log.errors.RecordTooLargeException;
import io.sluice.log.errors.StorageException;
import io.sluice.log.record.RecordBatch;
import io.sluice.log.record.TimestampType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of one partition: an ordered set of {@link LogSegment}s in one directory, with the producer state,
 * the leader-epoch cache and the durability bookkeeping that go with it.
 *
 * <h2>Threading</h2>
 * <ul>
 *   <li><b>One writer.</b> Every mutation (append, roll, truncate, retention, segment replacement by the
 *   cleaner, close) runs under {@code writeLock}. The broker arranges for one thread to append to a partition at
 *   a time, so the lock is uncontended in the steady state; it exists so that background work (retention,
 *   compaction) can never interleave with an append.</li>
 *   <li><b>Lock-free readers.</b> Fetches read {@code logEnd}, {@code logStartOffset} and the segment map
 *   (a concurrent skip list) without locks. {@code logEnd} is published only after a batch's bytes and index
 *   entries are written, so a reader never sees a partial batch. Segments removed by retention are closed and
 *   deleted only after {@code file.delete.delay.ms}, so a slice handed to the network stays readable.</li>
 *   <li><b>Flusher threads</b> ({@link LogFlusher}) fsync concurrently with appends, never under
 *   {@code writeLock}: an fsync in progress does not stop the next appends, which is what lets many appenders
 *   share one fsync. {@code flushLock} keeps an fsync and a truncation from overlapping.</li>
 * </ul>
 *
 * <h2>Durability</h2>
 * With {@code flush.messages=1} (the default) an append's {@link AppendResult#durable()} future completes once
 * an fsync has covered it (group commit). The <em>recovery point</em> is the offset below which everything is
 * known to be on disk; it only advances after an fsync. After an unclean shutdown, segments from the one
 * holding the recovery point onwards are scanned: every batch is validated (size, magic, CRC-32C, increasing
 * offsets), the first invalid byte and everything after it is truncated (it was never acknowledged as durable),
 * and indexes, leader epochs and producer state are rebuilt. After a clean shutdown nothing is scanned.
 * Segments before the active one are fsynced whole (log and indexes) before the recovery point moves past
 * them, so only the active segment's indexes are ever rebuilt from the log.
 *
 * <h2>Rejected alternatives</h2>
 * A per-append fsync on the appending thread (simple, but serializes appenders behind the disk); an fsync
 * under the write lock (blocks appends for the fsync's duration, so batches cannot accumulate); fsyncing the
 * indexes with every group commit (doubles the syncs for data that recovery can rebuild).
 */
public final class PartitionLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PartitionLog.class);
    /** Shared by every append that needs no fsync: saves an allocation per append on the hot path. */
    private static final CompletableFuture<Void> ALREADY_DURABLE = CompletableFuture.completedFuture(null);
    /** Longest a flusher waits for appenders already on their way to join the next fsync. */
    private static final long GATHER_MAX_NANOS = 100_000;

    private final Path dir;
    private final TopicPartition topicPartition;
    private final LogEnvironment env;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock flushLock = new ReentrantLock();
    private final ConcurrentSkipListMap<Long, LogSegment> segments = new ConcurrentSkipListMap<>();
    private final ProducerStateManager producerState;
    private final LeaderEpochCache epochCache;
    private final DurabilityWaiters waiters = new DurabilityWaiters();
    private final AtomicBoolean flushPending = new AtomicBoolean();

    private volatile LogConfig config;
    private volatile LogOffsetMetadata logEnd;
    private volatile long logStartOffset;
    private volatile LogOffsetMetadata recoveryPoint;
    /** Base offset of the oldest segment not yet fsynced whole (log and indexes). */
    private long firstUnsyncedSegmentBase;
    /** Appended (writer) and reset (flusher) on different threads. */
    private final AtomicLong unflushedMessages = new AtomicLong();
    private volatile long lastFlushMs;
    private volatile boolean closed;

    private PartitionLog(Path dir, TopicPartition topicPartition, LogConfig config, LogEnvironment env,
                         ProducerStateManager producerState, LeaderEpochCache epochCache) {
        this.dir = dir;
        this.topicPartition = topicPartition;
        this.config = config;
        this.env = env;
        this.producerState = producerState;
        this.epochCache = epochCache;
    }

    /**
     * Opens the log in {@code dir} (creating it if needed), recovering it when the last shutdown was unclean.
     *
     * @param recoveryPoint  the checkpointed offset below which data was fsynced (0 when unknown)
     * @param logStartOffset the checkpointed log start offset (0 when unknown)
     */
    public static PartitionLog open(Path dir, TopicPartition topicPartition, LogConfig config, long recoveryPoint,
                                    long logStartOffset, boolean hadCleanShutdown, LogEnvironment env) {
        try {
            Files.createDirectories(dir);
            LeaderEpochCache epochCache;
            boolean epochCheckpointLost = false;
            try {
                epochCache = LeaderEpochCache.open(dir);
            } catch (CorruptCheckpointException e) {
                log.warn("{}; deleting it and rebuilding leader epochs from the log", e.getMessage());
                Files.delete(dir.resolve(LeaderEpochCache.FILE_NAME));
                epochCache = LeaderEpochCache.open(dir);
                epochCheckpointLost = true;
            }
            PartitionLog partitionLog = new PartitionLog(dir, topicPartition, config, env,
                new ProducerStateManager(topicPartition, dir), epochCache);
            partitionLog.load(recoveryPoint, logStartOffset, hadCleanShutdown, epochCheckpointLost);
            return partitionLog;
        } catch (IOException e) {
            throw new StorageException("Cannot open log " + dir + ": " + e.getMessage(), e);
        }
    }

    private void load(long checkpointedRecoveryPoint, long checkpointedStartOffset, boolean hadCleanShutdown,
                      boolean epochCheckpointLost) throws IOException {
        long now = env.time().milliseconds();
        removeTemporaryFiles();
        SegmentSwaps.completeInterruptedSwaps(dir);
        for (long baseOffset : segmentBaseOffsetsOnDisk()) {
            segments.put(baseOffset, LogSegment.open(dir, baseOffset, config, now));
        }
        if (segments.isEmpty()) {
            segments.put(checkpointedStartOffset, LogSegment.open(dir, checkpointedStartOffset, config, now));
        }
        logStartOffset = Math.max(checkpointedStartOffset, segments.firstKey());
        long nextOffset;
        if (hadCleanShutdown) {
            nextOffset = segments.lastEntry().getValue().readNextOffset();
        } else {
            nextOffset = recover(checkpointedRecoveryPoint);
        }
        if (nextOffset < logStartOffset) {
            // Records below the start offset were deleted on request (DeleteRecords) before the crash took the
            // unsynced tail: never hand out those offsets again, start empty at the log start offset instead.
            log.warn("Log {} ends at {} after recovery, below its log start offset {}: starting it empty there",
                topicPartition, nextOffset, logStartOffset);
            deleteSegmentsNow(new ArrayList<>(segments.values()));
            segments.put(logStartOffset, LogSegment.open(dir, logStartOffset, config, now));
            nextOffset = logStartOffset;
        }
        LogSegment active = segments.lastEntry().getValue();
        for (LogSegment segment : segments.headMap(active.baseOffset()).values()) {
            segment.onRolled();
        }
        if (epochCheckpointLost) {
            for (LogSegment segment : segments.values()) {
                segment.forEachBatch(false, this::assignEpochOf);
            }
        }
        logEnd = new LogOffsetMetadata(nextOffset, active.baseOffset(), active.sizeInBytes());
        epochCache.truncateFromEnd(nextOffset);
        epochCache.truncateFromStart(logStartOffset);
        rebuildProducerState();
        // Everything now in the files was either fsynced before or validated by recovery and fsynced by it.
        recoveryPoint = logEnd;
        firstUnsyncedSegmentBase = active.baseOffset();
        lastFlushMs = now;
        log.info("Loaded log {} ({}): offsets [{}, {}), {} segments, clean shutdown: {}", topicPartition, dir,
            logStartOffset, nextOffset, segments.size(), hadCleanShutdown);
    }

    private List<Long> segmentBaseOffsetsOnDisk() throws IOException {
        List<Long> offsets = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + LogFileNames.LOG)) {
            for (Path file : files) {
                long base = LogFileNames.baseOffsetOf(file.getFileName().toString());
                if (base >= 0) {
                    offsets.add(base);
                }
            }
        }
        offsets.sort(null);
        return offsets;
    }

    /** Leftovers of interrupted work: deletions past their delay, unfinished compaction output, temp files. */
    private void removeTemporaryFiles() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(LogFileNames.DELETED) || name.endsWith(LogFileNames.CLEANED)
                    || name.endsWith(".tmp")) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** Scans segments from the one holding the recovery point; returns the log end offset after repair. */
    private long recover(long checkpointedRecoveryPoint) {
        Long fromBase = segments.floorKey(checkpointedRecoveryPoint);
        if (fromBase == null) {
            fromBase = segments.firstKey();
        }
        List<LogSegment> toRecover = new ArrayList<>(segments.tailMap(fromBase).values());
        epochCache.truncateFromEnd(fromBase);
        long nextOffset = fromBase;
        for (int i = 0; i < toRecover.size(); i++) {
            LogSegment segment = toRecover.get(i);
            if (segment.baseOffset() < nextOffset) {
                log.warn("Segment {} starts at {} below the previous segment's end {}; deleting it and the rest",
                    segment.logFile(), segment.baseOffset(), nextOffset);
                deleteSegmentsNow(toRecover.subList(i, toRecover.size()));
                break;
            }
            long[] segmentEnd = {segment.baseOffset()};
            int truncated = segment.recover(Math.max(config.maxMessageBytes, config.segmentBytes), batch -> {
                assignEpochOf(batch);
                segmentEnd[0] = batch.nextOffset();
            });
            segment.flushAll();
            nextOffset = segmentEnd[0];
            if (truncated > 0 && i + 1 < toRecover.size()) {
                log.warn("Log {} truncated inside {}; deleting the {} later segments", topicPartition,
                    segment.logFile(), toRecover.size() - i - 1);
                deleteSegmentsNow(toRecover.subList(i + 1, toRecover.size()));
                break;
            }
        }
        if (segments.isEmpty()) {
            segments.put(nextOffset, LogSegment.open(dir, nextOffset, config, env.time().milliseconds()));
        }
        syncDirectory();
        return nextOffset;
    }

    private void assignEpochOf(RecordBatch batch) {
        if (batch.partitionLeaderEpoch() >= 0) {
            epochCache.assign(batch.partitionLeaderEpoch(), batch.baseOffset());
        }
    }

    private void deleteSegmentsNow(List<LogSegment> toDelete) {
        for (LogSegment segment : List.copyOf(toDelete)) {
            segments.remove(segment.baseOffset());
            segment.closeAndDelete();
        }
    }

    /** Loads the newest producer-state snapshot and replays the batches after it. */
    private void rebuildProducerState() throws IOException {
        long end = logEnd.offset();
        long from = Math.max(producerState.truncateAndReload(logStartOffset, end), logStartOffset);
        if (from < end) {
            Long base = segments.floorKey(from);
            for (LogSegment segment : segments.tailMap(base == null ? segments.firstKey() : base).values()) {
                segment.forEachBatch(false, batch -> {
                    if (batch.lastOffset() >= from) {
                        producerState.update(batch);
                    }
                });
            }
        }
        producerState.updateMapEndOffset(end);
    }

    // ---------------------------------------------------------------------------------------------- append

    /**
     * Appends a producer's batches as the leader at {@code leaderEpoch}: validates them, assigns offsets,
     * stamps the epoch (and LogAppendTime when configured). {@code records} is modified in place.
     *
     * @throws CorruptRecordException      a batch is malformed or fails its CRC
     * @throws RecordTooLargeException     a batch exceeds {@code max.message.bytes}
     * @throws FencedLeaderEpochException  {@code leaderEpoch} is older than the log's latest epoch
     * @throws io.sluice.log.errors.OutOfOrderSequenceException   an idempotent producer skipped a sequence
     * @throws io.sluice.log.errors.InvalidProducerEpochException an idempotent producer was fenced
     */
    public AppendResult appendAsLeader(ByteBuffer records, int leaderEpoch, AppendOrigin origin) {
        return append(records, leaderEpoch, origin, true);
    }

    /** Appends batches that already carry offsets and epochs (a follower copying its leader). */
    public AppendResult appendAsFollower(ByteBuffer records) {
        return append(records, -1, AppendOrigin.REPLICATION, false);
    }

    private AppendResult append(ByteBuffer records, int leaderEpoch, AppendOrigin origin, boolean assignOffsets) {
        ByteBuffer buffer = records.isReadOnly() ? copyOf(records) : records;
        List<RecordBatch> batches = validate(buffer, origin);
        if (batches.isEmpty()) {
            throw new CorruptRecordException("Append to " + topicPartition + " holds no record batch");
        }
        writeLock.lock();
        try {
            ensureOpen();
            long now = env.time().milliseconds();
            LogConfig current = config;
            if (assignOffsets) {
                OptionalInt latestEpoch = epochCache.latestEpoch();
                if (latestEpoch.isPresent() && leaderEpoch < latestEpoch.getAsInt()) {
                    throw new FencedLeaderEpochException("Append to " + topicPartition + " at leader epoch "
                        + leaderEpoch + " is older than the log's latest epoch " + latestEpoch.getAsInt());
                }
                if (origin == AppendOrigin.CLIENT) {
                    Optional<AppendResult> duplicate = checkProducerState(batches);
                    if (duplicate.isPresent()) {
                        return duplicate.get();
                    }
                }
            }
            long firstOffset = assignOffsets ? logEnd.offset() : batches.get(0).baseOffset();
            if (firstOffset < logEnd.offset()) {
                throw new CorruptRecordException("Replicated batch at offset " + firstOffset
                    + " is below the log end offset " + logEnd.offset() + " of " + topicPartition);
            }
            long next = firstOffset;
            long logAppendTime = current.timestampType == TimestampType.LOG_APPEND_TIME ? now : -1L;
            int messages = 0;
            for (RecordBatch batch : batches) {
                if (assignOffsets) {
                    batch.setBaseOffset(next);
                    batch.setPartitionLeaderEpoch(leaderEpoch);
                    if (logAppendTime >= 0) {
                        batch.setLogAppendTime(logAppendTime);
                    }
                }
                next = batch.nextOffset();
                messages += batch.recordCount();
            }
            long lastOffset = next - 1;
            long maxTimestamp = Long.MIN_VALUE;
            for (RecordBatch batch : batches) {
                maxTimestamp = Math.max(maxTimestamp, batch.maxTimestamp());
            }
            LogSegment segment = segmentForAppend(buffer.remaining(), lastOffset, maxTimestamp, now, firstOffset);
            segment.append(buffer, batches);
            for (RecordBatch batch : batches) {
                assignEpochOf(batch);
                producerState.update(batch);
            }
            producerState.updateMapEndOffset(next);
            logEnd = new LogOffsetMetadata(next, segment.baseOffset(), segment.sizeInBytes());
            unflushedMessages.addAndGet(messages);
            return new AppendResult(firstOffset, lastOffset, logAppendTime, logStartOffset, false,
                durabilityFuture(next, now));
        } finally {
            writeLock.unlock();
        }
    }

    private static ByteBuffer copyOf(ByteBuffer records) {
        ByteBuffer copy = ByteBuffer.allocate(records.remaining());
        copy.put(records.duplicate()).flip();
        return copy;
    }

    private List<RecordBatch> validate(ByteBuffer buffer, AppendOrigin origin) {
        List<RecordBatch> batches = new ArrayList<>();
        ByteBuffer scan = buffer.duplicate();
        int maxBytes = config.maxMessageBytes;
        while (scan.hasRemaining()) {
            RecordBatch batch = RecordBatch.wrap(scan);
            if (batch.sizeInBytes() > maxBytes) {
                throw new RecordTooLargeException("Batch of " + batch.sizeInBytes() + " bytes for "
                    + topicPartition + " exceeds max.message.bytes=" + maxBytes);
            }
            if (origin == AppendOrigin.CLIENT) {
                batch.validateRecords(); // includes the header and CRC checks
            } else {
                batch.ensureValid();
            }
            batches.add(batch);
            scan.position(scan.position() + batch.sizeInBytes());
        }
        return batches;
    }

    /** A producer's retry of a batch already in the log answers with the original offsets. */
    private Optional<AppendResult> checkProducerState(List<RecordBatch> batches) {
        for (RecordBatch batch : batches) {
            Optional<BatchMetadata> duplicate = producerState.checkAppend(batch, AppendOrigin.CLIENT);
            if (duplicate.isPresent()) {
                BatchMetadata original = duplicate.get();
                return Optional.of(new AppendResult(original.firstOffset(), original.lastOffset(),
                    config.timestampType == TimestampType.LOG_APPEND_TIME ? original.maxTimestamp() : -1L,
                    logStartOffset, true, awaitDurable(original.lastOffset() + 1)));
            }
        }
        return Optional.empty();
    }

    private LogSegment segmentForAppend(int bytes, long lastOffset, long maxTimestamp, long now, long firstOffset) {
        LogSegment active = segments.lastEntry().getValue();
        if (bytes > config.segmentBytes) {
            throw new RecordTooLargeException("Append of " + bytes + " bytes to " + topicPartition
                + " exceeds segment.bytes=" + config.segmentBytes);
        }
        if (active.shouldRoll(bytes, lastOffset, maxTimestamp, now, config)) {
            return rollAt(firstOffset, now);
        }
        return active;
    }

    /** Starts a new active segment at the log end offset. */
    public void roll() {
        writeLock.lock();
        try {
            ensureOpen();
            if (segments.lastEntry().getValue().sizeInBytes() > 0) {
                rollAt(logEnd.offset(), env.time().milliseconds());
                logEnd = new LogOffsetMetadata(logEnd.offset(), logEnd.offset(), 0);
            }
        } finally {
            writeLock.unlock();
        }
    }

    private LogSegment rollAt(long baseOffset, long now) {
        LogSegment previous = segments.lastEntry().getValue();
        LogSegment next = LogSegment.open(dir, baseOffset, config, now);
        segments.put(baseOffset, next);
        previous.onRolled();
        syncDirectory();
        producerState.takeSnapshot(baseOffset);
        log.debug("Rolled {} to a new segment at offset {}", topicPartition, baseOffset);
        return next;
    }

    // -------------------------------------------------------------------------------------------- durability

    private CompletableFuture<Void> durabilityFuture(long endOffset, long now) {
        if (config.durableAppends()) {
            return awaitDurable(endOffset);
        }
        if (unflushedMessages.get() >= config.flushMessages || now - lastFlushMs >= config.flushMs) {
            env.flusher().schedule(this);
        }
        return ALREADY_DURABLE;
    }

    /** A future completing once every offset below {@code endOffset} is fsynced. */
    public CompletableFuture<Void> awaitDurable(long endOffset) {
        if (recoveryPoint.offset() >= endOffset) {
            return ALREADY_DURABLE;
        }
        CompletableFuture<Void> future = waiters.add(endOffset);
        env.flusher().schedule(this);
        return future;
    }

    AtomicBoolean flushPending() {
        return flushPending;
    }

    /** Called by a flusher thread: fsyncs up to the current log end, then completes the covered waiters. */
    void flushToLogEnd() {
        gatherConcurrentAppends();
        flushLock.lock();
        try {
            if (closed) {
                return;
            }
            flushTo(logEnd);
        } catch (RuntimeException e) {
            waiters.failAll(e);
            throw e;
        } finally {
            flushLock.unlock();
        }
    }

    /**
     * Adaptive group-commit window: while the log end keeps moving (appenders released by the previous fsync are
     * appending again), yield the CPU and look again, for at most {@link #GATHER_MAX_NANOS}. A lone appender is
     * blocked on this very fsync, so the log end does not move and the fsync starts after a single yield; many
     * appenders land in one fsync instead of trickling into the next.
     */
    private void gatherConcurrentAppends() {
        long deadline = System.nanoTime() + GATHER_MAX_NANOS;
        LogOffsetMetadata seen = logEnd;
        while (System.nanoTime() < deadline) {
            Thread.yield();
            LogOffsetMetadata now = logEnd;
            if (now == seen) {
                return;
            }
            seen = now;
        }
    }

    /** Fsyncs whole inactive segments once, then the active segment's data up to {@code target}. */
    private void flushTo(LogOffsetMetadata target) {
        if (target.offset() <= recoveryPoint.offset()) {
            waiters.completeUpTo(recoveryPoint.offset());
            return;
        }
        for (LogSegment segment : segments.subMap(firstUnsyncedSegmentBase, true, target.segmentBaseOffset(), true)
            .values()) {
            if (segment.baseOffset() < target.segmentBaseOffset()) {
                segment.flushAll();
                firstUnsyncedSegmentBase = segments.higherKey(segment.baseOffset());
            } else {
                segment.flushData();
            }
        }
        unflushedMessages.set(0);
        lastFlushMs = env.time().milliseconds();
        recoveryPoint = target;
        waiters.completeUpTo(target.offset());
    }

    /** Fsyncs everything appended so far, on the calling thread. */
    public void flush() {
        flushLock.lock();
        try {
            ensureOpen();
            flushTo(logEnd);
        } finally {
            flushLock.unlock();
        }
    }

    /** Called periodically for Kafka-style (non-durable) topics: fsyncs when {@code flush.ms} has passed. */
    public void flushIfDue(long nowMs) {
        if (!closed && logEnd.offset() > recoveryPoint.offset() && nowMs - lastFlushMs >= config.flushMs) {
            env.flusher().schedule(this);
        }
    }

    private void syncDirectory() {
        SegmentSwaps.syncDirectory(dir);
    }

    // ------------------------------------------------------------------------------------------------- read

    /**
     * Reads batches from the one holding {@code startOffset}, at most {@code maxBytes} (but the first batch
     * whole when {@code minOneBatch}), never past {@code upperBound} (e.g. the high watermark).
     *
     * @throws OffsetOutOfRangeException when {@code startOffset} is below the log start or above the log end
     */
    public FetchResult read(long startOffset, int maxBytes, LogOffsetMetadata upperBound, boolean minOneBatch) {
        LogOffsetMetadata end = logEnd;
        long start = logStartOffset;
        if (startOffset < start || startOffset > end.offset()) {
            throw new OffsetOutOfRangeException("Offset " + startOffset + " is out of range for " + topicPartition
                + ": the log holds [" + start + ", " + end.offset() + ")");
        }
        LogOffsetMetadata bound = upperBound.offset() < end.offset() ? upperBound : end;
        if (startOffset >= bound.offset()) {
            return new FetchResult(FileSlice.EMPTY, startOffset, start, end.offset());
        }
        Map.Entry<Long, LogSegment> entry = segments.floorEntry(startOffset);
        if (entry == null) {
            entry = segments.firstEntry();
        }
        while (entry != null && entry.getKey() <= bound.segmentBaseOffset()) {
            LogSegment segment = entry.getValue();
            int maxPosition = segment.baseOffset() == bound.segmentBaseOffset() ? bound.relativePosition()
                : Integer.MAX_VALUE;
            FileSlice slice = segment.read(startOffset, maxBytes, maxPosition, minOneBatch);
            if (slice != null) {
                return new FetchResult(slice, startOffset, start, end.offset());
            }
            entry = segments.higherEntry(entry.getKey());
        }
        return new FetchResult(FileSlice.EMPTY, startOffset, start, end.offset());
    }

    /** Reads up to the log end. */
    public FetchResult read(long startOffset, int maxBytes, boolean minOneBatch) {
        return read(startOffset, maxBytes, logEnd, minOneBatch);
    }

    /**
     * The first record with a timestamp ≥ {@code timestampMs}, as (timestamp, offset, leader epoch), or empty if
     * every record is older.
     */
    public Optional<TimestampAndOffset> offsetForTimestamp(long timestampMs) {
        for (LogSegment segment : segments.values()) {
            if (segment.largestTimestamp() < timestampMs || segment.sizeInBytes() == 0) {
                continue;
            }
            Optional<TimestampAndOffset> found = segment.findOffsetByTimestamp(timestampMs, logStartOffset);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The record with the largest timestamp (the earliest such record on ties), or empty for an empty log. */
    public Optional<TimestampAndOffset> maxTimestampAndOffset() {
        LogSegment best = null;
        for (LogSegment segment : segments.values()) {
            if (segment.sizeInBytes() > 0 && segment.offsetOfMaxTimestamp() >= logStartOffset
                && (best == null || segment.largestTimestamp() > best.largestTimestamp())) {
                best = segment;
            }
        }
        return best == null ? Optional.empty() : best.findOffsetByTimestamp(best.largestTimestamp(), logStartOffset);
    }

    // -------------------------------------------------------------------------------------------- truncation

    /**
     * Removes everything from {@code offset} on (a batch straddling it goes whole), for a follower diverging from
     * its leader. Waiters for durability beyond the new end fail with {@link LogTruncatedException}.
     *
     * @return whether anything was removed
     */
    public boolean truncateTo(long offset) {
        writeLock.lock();
        flushLock.lock();
        try {
            ensureOpen();
            if (offset >= logEnd.offset()) {
                return false;
            }
            if (offset <= segments.firstKey()) {
                truncateFullyAndStartAt(offset);
                return true;
            }
            List<LogSegment> later = new ArrayList<>(segments.tailMap(offset, false).values());
            LogSegment holder = segments.floorEntry(offset).getValue();
            if (holder.baseOffset() == offset) {
                later.add(0, holder);
                holder = segments.lowerEntry(offset).getValue();
            }
            later.forEach(this::scheduleDeletion);
            holder.truncateTo(offset);
            if (holder.readNextOffset() < offset) {
                // The log must end exactly at the requested offset, as in Kafka, even when that falls in a
                // compaction gap or a removed straddling batch. An empty segment based there makes that end
                // survive a reopen, which reads the end from the files.
                LogSegment next = LogSegment.open(dir, offset, config, env.time().milliseconds());
                segments.put(offset, next);
                holder.onRolled();
                afterTruncation(new LogOffsetMetadata(offset, offset, 0));
            } else {
                holder.onBecomeActive();
                afterTruncation(new LogOffsetMetadata(offset, holder.baseOffset(), holder.sizeInBytes()));
            }
            return true;
        } finally {
            flushLock.unlock();
            writeLock.unlock();
        }
    }

    /** Deletes every segment and starts the log empty at {@code offset}. */
    public void truncateFullyAndStartAt(long offset) {
        writeLock.lock();
        flushLock.lock();
        try {
            ensureOpen();
            new ArrayList<>(segments.values()).forEach(this::scheduleDeletion);
            LogSegment fresh = LogSegment.open(dir, offset, config, env.time().milliseconds());
            segments.put(offset, fresh);
            logStartOffset = offset;
            epochCache.truncateFromStart(offset);
            afterTruncation(new LogOffsetMetadata(offset, offset, 0));
        } finally {
            flushLock.unlock();
            writeLock.unlock();
        }
    }

    private void afterTruncation(LogOffsetMetadata newEnd) {
        logEnd = newEnd;
        epochCache.truncateFromEnd(newEnd.offset());
        try {
            rebuildProducerState();
        } catch (IOException e) {
            throw new StorageException("Rebuilding producer state of " + topicPartition + " failed", e);
        }
        if (recoveryPoint.offset() >= newEnd.offset()) {
            // Also when equal: the old metadata may name a segment the truncation just removed.
            recoveryPoint = newEnd;
        }
        if (firstUnsyncedSegmentBase > newEnd.segmentBaseOffset()) {
            firstUnsyncedSegmentBase = newEnd.segmentBaseOffset();
        }
        syncDirectory();
        waiters.failAbove(newEnd.offset(), offset -> new LogTruncatedException("Log " + topicPartition
            + " was truncated to " + newEnd.offset() + " before offset " + offset + " became durable"));
    }

    // --------------------------------------------------------------------------------------------- retention

    /**
     * Advances the log start offset to {@code offset} (DeleteRecords) and deletes segments wholly below it.
     *
     * @return the new log start offset
     */
    public long deleteRecordsBefore(long offset) {
        writeLock.lock();
        try {
            ensureOpen();
            if (offset > logEnd.offset()) {
                throw new OffsetOutOfRangeException("Cannot delete records before " + offset + " in "
                    + topicPartition + ": the log ends at " + logEnd.offset());
            }
            if (offset > logStartOffset) {
                logStartOffset = offset;
                epochCache.truncateFromStart(offset);
                deleteSegmentsWhile(segment -> nextSegmentBase(segment) <= logStartOffset);
            }
            return logStartOffset;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Applies retention: by time ({@code retention.ms}), by size ({@code retention.bytes}) and by the log start
     * offset. Only for {@code cleanup.policy} containing {@code delete}, except the log-start rule.
     *
     * @return number of segments deleted
     */
    public int applyRetention() {
        writeLock.lock();
        try {
            ensureOpen();
            long now = env.time().milliseconds();
            LogConfig current = config;
            int deleted = deleteSegmentsWhile(segment -> nextSegmentBase(segment) <= logStartOffset);
            if (current.delete && current.retentionMs >= 0) {
                deleted += deleteSegmentsWhile(segment -> now - segment.largestTimestamp() > current.retentionMs);
            }
            if (current.delete && current.retentionBytes >= 0) {
                long[] excess = {sizeInBytes() - current.retentionBytes};
                deleted += deleteSegmentsWhile(segment -> {
                    if (excess[0] >= segment.sizeInBytes()) {
                        excess[0] -= segment.sizeInBytes();
                        return true;
                    }
                    return false;
                });
            }
            return deleted;
        } finally {
            writeLock.unlock();
        }
    }

    /** Deletes segments from the oldest while {@code shouldDelete} holds; the log always keeps a segment. */
    private int deleteSegmentsWhile(Predicate<LogSegment> shouldDelete) {
        int deleted = 0;
        Iterator<LogSegment> oldestFirst = new ArrayList<>(segments.values()).iterator();
        while (oldestFirst.hasNext()) {
            LogSegment segment = oldestFirst.next();
            boolean isActive = !oldestFirst.hasNext();
            if ((isActive && segment.sizeInBytes() == 0) || !shouldDelete.test(segment)) {
                break;
            }
            if (isActive) {
                // Retention may empty the log: roll so the expired data can go, keeping an empty active segment.
                rollAt(logEnd.offset(), env.time().milliseconds());
                logEnd = new LogOffsetMetadata(logEnd.offset(), logEnd.offset(), 0);
            }
            scheduleDeletion(segment);
            deleted++;
        }
        if (deleted > 0) {
            long newStart = Math.max(logStartOffset, segments.firstKey());
            if (newStart > logStartOffset) {
                logStartOffset = newStart;
                epochCache.truncateFromStart(newStart);
            }
            producerState.deleteSnapshotsBelow(segments.firstKey());
            log.info("Deleted {} segments of {}; log start offset is now {}", deleted, topicPartition,
                logStartOffset);
        }
        return deleted;
    }

    private long nextSegmentBase(LogSegment segment) {
        Long next = segments.higherKey(segment.baseOffset());
        return next == null ? logEnd.offset() : next;
    }

    /** Removes a segment from the log now and deletes its files after {@code file.delete.delay.ms}. */
    private void scheduleDeletion(LogSegment segment) {
        segments.remove(segment.baseOffset());
        try {
            segment.addSuffix(LogFileNames.DELETED);
        } catch (IOException e) {
            throw new StorageException("Cannot rename " + segment.logFile() + " for deletion: " + e.getMessage(), e);
        }
        env.scheduler().schedule(segment::closeAndDelete, config.fileDeleteDelayMs, TimeUnit.MILLISECONDS);
    }

    // ------------------------------------------------------------------------------------------- compaction

    /** Segments the cleaner may compact: all but the active one, oldest first. */
    List<LogSegment> inactiveSegments() {
        return new ArrayList<>(segments.headMap(segments.lastKey()).values());
    }

    /**
     * Replaces {@code oldSegments} (consecutive, still in the log) by {@code cleaned} (segments written with the
     * {@code .cleaned} suffix, covering the same offsets), crash-safely: see {@link SegmentSwaps}.
     */
    void replaceSegments(List<LogSegment> cleaned, List<LogSegment> oldSegments) {
        writeLock.lock();
        flushLock.lock();
        try {
            ensureOpen();
            for (LogSegment segment : oldSegments) {
                if (segments.get(segment.baseOffset()) != segment) {
                    throw new IllegalStateException("Segment " + segment + " is no longer part of " + topicPartition);
                }
            }
            long replacedBase = oldSegments.get(0).baseOffset();
            long replacedEnd = nextSegmentBase(oldSegments.get(oldSegments.size() - 1));
            // Segments removed by retention may still be named here; the oldest one left is what counts.
            long firstUnsynced = Math.max(firstUnsyncedSegmentBase, segments.firstKey());
            List<LogSegment> installed = SegmentSwaps.swap(dir, cleaned, oldSegments, config,
                env.time().milliseconds(), this::scheduleDeletionOfRenamed, segments::remove);
            for (LogSegment segment : installed) {
                segments.put(segment.baseOffset(), segment);
            }
            // The swap fsynced the new segments whole: if everything before them was durable, so is their range.
            // The recovery point never stays inside a replaced segment, whose byte positions are gone.
            if (firstUnsynced >= replacedBase && firstUnsynced < replacedEnd) {
                firstUnsyncedSegmentBase = replacedEnd;
                if (recoveryPoint.offset() < replacedEnd) {
                    recoveryPoint = new LogOffsetMetadata(replacedEnd, replacedEnd, 0);
                    waiters.completeUpTo(replacedEnd);
                }
            }
        } finally {
            flushLock.unlock();
            writeLock.unlock();
        }
    }

    private void scheduleDeletionOfRenamed(LogSegment segment) {
        env.scheduler().schedule(segment::closeAndDelete, config.fileDeleteDelayMs, TimeUnit.MILLISECONDS);
    }

    // ------------------------------------------------------------------------------------------------ state

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    public Path dir() {
        return dir;
    }

    public LogConfig config() {
        return config;
    }

    /** Applies a new topic configuration to later appends, rolls and retention runs. */
    public void updateConfig(LogConfig newConfig) {
        this.config = newConfig;
    }

    public long logStartOffset() {
        return logStartOffset;
    }

    public long logEndOffset() {
        return logEnd.offset();
    }

    public LogOffsetMetadata logEndOffsetMetadata() {
        return logEnd;
    }

    /** The offset below which every batch is fsynced. */
    public long recoveryPoint() {
        return recoveryPoint.offset();
    }

    public LogOffsetMetadata recoveryPointMetadata() {
        return recoveryPoint;
    }

    public int segmentCount() {
        return segments.size();
    }

    public List<Long> segmentBaseOffsets() {
        return List.copyOf(segments.keySet());
    }

    public long sizeInBytes() {
        long total = 0;
        for (LogSegment segment : segments.values()) {
            total += segment.sizeInBytes();
        }
        return total;
    }

    public LeaderEpochCache leaderEpochCache() {
        return epochCache;
    }

    public ProducerStateManager producerState() {
        return producerState;
    }

    private void ensureOpen() {
        if (closed) {
            throw new StorageException("Log " + topicPartition + " is closed");
        }
    }

    /**
     * Clean close: fsyncs everything, snapshots producer state at the log end and closes the files. Afterwards
     * the log opens without recovery (the log manager writes the clean-shutdown marker once all logs closed).
     */
    @Override
    public void close() {
        writeLock.lock();
        flushLock.lock();
        try {
            if (closed) {
                return;
            }
            flushTo(logEnd);
            segments.lastEntry().getValue().flushAll();
            producerState.takeSnapshot(logEnd.offset());
            closed = true;
            for (LogSegment segment : segments.values()) {
                segment.close();
            }
        } finally {
            flushLock.unlock();
            writeLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "PartitionLog(" + topicPartition + ")";
    }

    /** Appenders waiting for their offsets to become durable, ordered by offset. Thread-safe. */
    private static final class DurabilityWaiters {
        private record Waiter(long endOffset, CompletableFuture<Void> future) {
        }

        private final PriorityQueue<Waiter> queue =
            new PriorityQueue<>((a, b) -> Long.compare(a.endOffset(), b.endOffset()));

        synchronized CompletableFuture<Void> add(long endOffset) {
            CompletableFuture<Void> future = new CompletableFuture<>();
            queue.add(new Waiter(endOffset, future));
            return future;
        }

        void completeUpTo(long durableOffset) {
            List<Waiter> done = new ArrayList<>();
            synchronized (this) {
                while (!queue.isEmpty() && queue.peek().endOffset() <= durableOffset) {
                    done.add(queue.poll());
                }
            }
            // Complete outside the lock so a callback that appends again cannot deadlock.
            done.forEach(waiter -> waiter.future().complete(null));
        }

        void failAbove(long offset, java.util.function.LongFunction<RuntimeException> error) {
            List<Waiter> failed = new ArrayList<>();
            synchronized (this) {
                queue.removeIf(waiter -> waiter.endOffset() > offset && failed.add(waiter));
            }
            failed.forEach(waiter -> waiter.future().completeExceptionally(error.apply(waiter.endOffset())));
        }

        void failAll(RuntimeException error) {
            failAbove(Long.MIN_VALUE, offset -> error);
        }
    }
}
