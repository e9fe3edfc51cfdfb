package io.sluice.log.storage;

import io.sluice.log.errors.CorruptRecordException;
import io.sluice.log.errors.StorageException;
import io.sluice.log.record.RecordBatch;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash-safe replacement of segments by compacted ones. The protocol, each step durable before the next:
 * <ol>
 *   <li>The cleaner writes the new segments with the {@code .cleaned} suffix and fsyncs them. A crash here leaves
 *   {@code .cleaned} files, which the next open deletes: the old segments are untouched.</li>
 *   <li>Each {@code .cleaned} file is renamed to {@code .swap} and the directory is fsynced: the <em>commit
 *   point</em>. From here on, an open finishes the swap: it deletes every old segment whose base offset lies in a
 *   swap segment's offset range and drops the {@code .swap} suffix.</li>
 *   <li>Old segments leave the log and are renamed {@code .deleted} (their files are removed after the delay).</li>
 *   <li>{@code .swap} files are renamed to their final names and the directory is fsynced.</li>
 * </ol>
 * A new segment's base offset is that of the first old segment it replaces, so the final name of a new segment
 * may equal an old one's: step 3 renames the old one away first.
 *
 * <p>Called by the owning log under its write lock (and by its open, before it serves anything).
 */
final class SegmentSwaps {
    private static final Logger log = LoggerFactory.getLogger(SegmentSwaps.class);

    private SegmentSwaps() {
    }

    /** Creates an empty segment for cleaner output at {@code baseOffset}, with the {@code .cleaned} suffix. */
    static LogSegment createCleaned(Path dir, long baseOffset, LogConfig config, long nowMs) {
        return LogSegment.open(withSuffix(LogFileNames.logFile(dir, baseOffset), LogFileNames.CLEANED),
            withSuffix(LogFileNames.indexFile(dir, baseOffset), LogFileNames.CLEANED),
            withSuffix(LogFileNames.timeIndexFile(dir, baseOffset), LogFileNames.CLEANED), baseOffset, config, nowMs);
    }

    /**
     * Runs steps 2–4 for {@code cleaned} replacing {@code oldSegments}; returns the new segments, opened under
     * their final names.
     */
    static List<LogSegment> swap(Path dir, List<LogSegment> cleaned, List<LogSegment> oldSegments, LogConfig config,
                                 long nowMs, Consumer<LogSegment> deleteLater, Consumer<Long> removeFromLog) {
        try {
            for (LogSegment segment : cleaned) {
                segment.flushAll();
                segment.close();
                renameSegmentFiles(dir, segment.baseOffset(), LogFileNames.CLEANED, LogFileNames.SWAP);
            }
            syncDirectory(dir);
            for (LogSegment segment : oldSegments) {
                removeFromLog.accept(segment.baseOffset());
                segment.addSuffix(LogFileNames.DELETED);
                deleteLater.accept(segment);
            }
            List<LogSegment> installed = new ArrayList<>();
            for (LogSegment segment : cleaned) {
                renameSegmentFiles(dir, segment.baseOffset(), LogFileNames.SWAP, "");
                installed.add(LogSegment.open(dir, segment.baseOffset(), config, nowMs));
            }
            syncDirectory(dir);
            installed.forEach(LogSegment::onRolled);
            return installed;
        } catch (IOException e) {
            throw new StorageException("Segment swap in " + dir + " failed: " + e.getMessage(), e);
        }
    }

    /** Finishes swaps that passed their commit point before a crash (step 2 done, step 4 not). */
    static void completeInterruptedSwaps(Path dir) throws IOException {
        List<Long> swapBases = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + LogFileNames.LOG + LogFileNames.SWAP)) {
            for (Path file : files) {
                long base = LogFileNames.baseOffsetOf(file.getFileName().toString());
                if (base >= 0) {
                    swapBases.add(base);
                }
            }
        }
        for (long base : swapBases) {
            Path swapLog = withSuffix(LogFileNames.logFile(dir, base), LogFileNames.SWAP);
            long end = nextOffsetOf(swapLog, base);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + LogFileNames.LOG)) {
                for (Path file : files) {
                    long oldBase = LogFileNames.baseOffsetOf(file.getFileName().toString());
                    if (oldBase >= base && oldBase < end) {
                        log.info("Completing an interrupted compaction swap: deleting replaced segment {}", file);
                        Files.deleteIfExists(file);
                        Files.deleteIfExists(LogFileNames.indexFile(dir, oldBase));
                        Files.deleteIfExists(LogFileNames.timeIndexFile(dir, oldBase));
                    }
                }
            }
            renameSegmentFiles(dir, base, LogFileNames.SWAP, "");
        }
        if (!swapBases.isEmpty()) {
            syncDirectory(dir);
        }
    }

    /** The offset after the last valid batch of a swap file (its base offset when it holds none). */
    private static long nextOffsetOf(Path file, long base) throws IOException {
        long next = base;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            SegmentBatchReader reader = new SegmentBatchReader(channel, 0, channel.size(), true);
            for (RecordBatch batch = reader.next(); batch != null; batch = reader.next()) {
                next = batch.nextOffset();
            }
        } catch (CorruptRecordException e) {
            // Swap files were fsynced before the commit point; a bad tail means later damage. Keep what is valid.
            log.warn("Swap file {} is invalid past offset {}: {}", file, next, e.getMessage());
        }
        return next;
    }

    private static void renameSegmentFiles(Path dir, long base, String fromSuffix, String toSuffix)
        throws IOException {
        for (Path file : List.of(LogFileNames.logFile(dir, base), LogFileNames.indexFile(dir, base),
            LogFileNames.timeIndexFile(dir, base))) {
            Path source = withSuffix(file, fromSuffix);
            if (Files.exists(source)) {
                Files.move(source, withSuffix(file, toSuffix), StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    private static Path withSuffix(Path file, String suffix) {
        return suffix.isEmpty() ? file : file.resolveSibling(file.getFileName() + suffix);
    }

    static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            throw new StorageException("fsync of directory " + dir + " failed: " + e.getMessage(), e);
        }
    }
}
