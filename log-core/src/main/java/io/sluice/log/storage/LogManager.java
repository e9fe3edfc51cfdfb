package io.sluice.log.storage;

import io.sluice.log.errors.CorruptCheckpointException;
import io.sluice.log.errors.StorageException;
import io.sluice.log.util.Time;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All partition logs of one data directory: opens (and after a crash, recovers) them at start, creates and
 * deletes them, and runs the background duties — retention, Kafka-style periodic flushes, checkpoints.
 *
 * <p>Files it owns in the data directory:
 * <ul>
 *   <li>{@code .lock} — held (an OS file lock) while the directory is open, so two processes never share it;</li>
 *   <li>{@code .sluice_cleanshutdown} — written last by a clean close, deleted at open: its absence means the
 *   logs must be recovered from their recovery points;</li>
 *   <li>{@code recovery-point-offset-checkpoint}, {@code log-start-offset-checkpoint} — per partition, written
 *   periodically and at close;</li>
 *   <li>{@code <topic>-<partition>/} — one directory per log; {@code <...>.<n>-delete} directories are being
 *   deleted.</li>
 * </ul>
 *
 * <p>Threading: thread-safe. Logs live in a concurrent map; creation and deletion of one partition are
 * serialized by the map's compute. Background duties run on the manager's scheduler threads.
 */
public final class LogManager implements AutoCloseable {
    public static final String CLEAN_SHUTDOWN_FILE = ".sluice_cleanshutdown";
    public static final String LOCK_FILE = ".lock";
    private static final String DELETE_DIR_SUFFIX = "-delete";
    private static final Logger log = LoggerFactory.getLogger(LogManager.class);

    private final LogManagerConfig config;
    private final Time time;
    private final Function<String, LogConfig> topicConfigs;
    private final ConcurrentHashMap<TopicPartition, PartitionLog> logs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final LogFlusher flusher;
    private final LogEnvironment env;
    private final OffsetCheckpointFile recoveryPoints;
    private final OffsetCheckpointFile logStartOffsets;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final AtomicInteger deletions = new AtomicInteger();
    private final LogCleaner cleaner;
    private volatile boolean closed;

    /**
     * Opens every log in {@code config.logDir}.
     *
     * @param topicConfigs the configuration of each topic (the broker's metadata); called for existing logs at
     *                     open and for new ones
     * @throws StorageException if the directory is locked by another process or cannot be read
     */
    public LogManager(LogManagerConfig config, Time time, Function<String, LogConfig> topicConfigs) {
        this.config = config;
        this.time = time;
        this.topicConfigs = topicConfigs;
        Path dir = config.logDir;
        try {
            Files.createDirectories(dir);
            this.lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
            this.lock = tryLock(lockChannel, dir);
        } catch (IOException e) {
            throw new StorageException("Cannot open data directory " + dir + ": " + e.getMessage(), e);
        }
        this.scheduler = Executors.newScheduledThreadPool(1, daemonThreads("sluice-log-scheduler"));
        this.flusher = new LogFlusher(config.flushThreads, "sluice-log");
        this.env = new LogEnvironment(time, flusher, scheduler, config.producerIdExpirationMs);
        this.recoveryPoints = new OffsetCheckpointFile(dir.resolve(OffsetCheckpointFile.RECOVERY_POINT_FILE_NAME));
        this.logStartOffsets = new OffsetCheckpointFile(dir.resolve(OffsetCheckpointFile.LOG_START_OFFSET_FILE_NAME));
        try {
            loadLogs();
        } catch (RuntimeException e) {
            shutdownThreads();
            releaseLock();
            throw e;
        }
        this.cleaner = new LogCleaner(this::logs, time, dir);
        scheduleDuties();
    }

    private static FileLock tryLock(FileChannel channel, Path dir) throws IOException {
        try {
            FileLock acquired = channel.tryLock();
            if (acquired == null) {
                throw new StorageException("Data directory " + dir + " is in use by another process (" + LOCK_FILE
                    + " is locked)");
            }
            return acquired;
        } catch (OverlappingFileLockException e) {
            throw new StorageException("Data directory " + dir + " is already open in this process", e);
        }
    }

    private void loadLogs() {
        Path dir = config.logDir;
        Path marker = dir.resolve(CLEAN_SHUTDOWN_FILE);
        Optional<Map<TopicPartition, Long>> recoveryPointsRead = readCheckpoint(recoveryPoints);
        // Without trustworthy recovery points, only a full scan is safe.
        boolean cleanShutdown = Files.exists(marker) && recoveryPointsRead.isPresent();
        Map<TopicPartition, Long> recoveryPointByPartition = recoveryPointsRead.orElse(Map.of());
        Map<TopicPartition, Long> startOffsetByPartition = readCheckpoint(logStartOffsets).orElse(Map.of());
        List<Path> partitionDirs = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path child : children) {
                if (child.getFileName().toString().endsWith(DELETE_DIR_SUFFIX)) {
                    deleteDirectory(child);
                } else {
                    partitionDirs.add(child);
                }
            }
        } catch (IOException e) {
            throw new StorageException("Cannot list data directory " + dir + ": " + e.getMessage(), e);
        }
        if (!cleanShutdown && !partitionDirs.isEmpty()) {
            log.warn("Data directory {} was not shut down cleanly: recovering {} logs from their recovery points",
                dir, partitionDirs.size());
        }
        ExecutorService loaders = Executors.newFixedThreadPool(config.recoveryThreads, daemonThreads("sluice-log-loader"));
        try {
            List<Future<PartitionLog>> loading = new ArrayList<>();
            for (Path partitionDir : partitionDirs) {
                TopicPartition tp = TopicPartition.fromDirName(partitionDir.getFileName().toString());
                loading.add(loaders.submit(() -> PartitionLog.open(partitionDir, tp, topicConfigs.apply(tp.topic()),
                    recoveryPointByPartition.getOrDefault(tp, 0L), startOffsetByPartition.getOrDefault(tp, 0L),
                    cleanShutdown, env)));
            }
            for (Future<PartitionLog> future : loading) {
                PartitionLog partitionLog = future.get();
                logs.put(partitionLog.topicPartition(), partitionLog);
            }
        } catch (ExecutionException e) {
            logs.values().forEach(PartitionLog::close);
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime
                : new StorageException("Loading logs from " + dir + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while loading logs from " + dir, e);
        } finally {
            loaders.shutdownNow();
        }
        try {
            // From here until a clean close, a crash must trigger recovery.
            Files.deleteIfExists(marker);
            SegmentSwaps.syncDirectory(dir);
        } catch (IOException e) {
            throw new StorageException("Cannot remove " + marker + ": " + e.getMessage(), e);
        }
        log.info("Opened data directory {} with {} logs", dir, logs.size());
    }

    /** The checkpoint's entries, or empty when the file is corrupt (logged once; the caller falls back). */
    private static Optional<Map<TopicPartition, Long>> readCheckpoint(OffsetCheckpointFile file) {
        try {
            return Optional.of(file.read());
        } catch (CorruptCheckpointException e) {
            log.warn("{}; ignoring it: logs are recovered from their first segment", e.getMessage());
            return Optional.empty();
        }
    }

    private void scheduleDuties() {
        scheduleRepeating("retention", config.retentionCheckIntervalMs, () -> logs.values().forEach(PartitionLog::applyRetention));
        scheduleRepeating("checkpoint", config.checkpointIntervalMs, this::checkpoint);
        scheduleRepeating("flush", config.flushSchedulerIntervalMs, () -> {
            long now = time.milliseconds();
            logs.values().forEach(partitionLog -> partitionLog.flushIfDue(now));
        });
        if (config.cleanerEnable) {
            scheduleRepeating("cleaner", config.cleanerBackoffMs, cleaner::cleanAll);
        }
    }

    /** Background duties never die silently: an error is logged and the duty runs again next period. */
    private void scheduleRepeating(String name, long periodMs, Runnable duty) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                duty.run();
            } catch (RuntimeException e) {
                log.error("Log manager duty '{}' failed; retrying in {} ms", name, periodMs, e);
            }
        }, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The log of {@code tp}, created empty with its topic's configuration if it does not exist. */
    public PartitionLog getOrCreateLog(TopicPartition tp) {
        ensureOpen();
        return logs.computeIfAbsent(tp, key -> PartitionLog.open(config.logDir.resolve(key.dirName()), key,
            topicConfigs.apply(key.topic()), 0L, 0L, true, env));
    }

    public Optional<PartitionLog> getLog(TopicPartition tp) {
        return Optional.ofNullable(logs.get(tp));
    }

    public Map<TopicPartition, PartitionLog> logs() {
        return Map.copyOf(logs);
    }

    /** Removes the log of {@code tp}: closed now, directory renamed at once and deleted in the background. */
    public void deleteLog(TopicPartition tp) {
        ensureOpen();
        PartitionLog removed = logs.remove(tp);
        if (removed == null) {
            return;
        }
        removed.close();
        Path target = removed.dir().resolveSibling(removed.dir().getFileName() + "." + deletions.incrementAndGet()
            + "." + time.milliseconds() + DELETE_DIR_SUFFIX);
        try {
            Files.move(removed.dir(), target);
            SegmentSwaps.syncDirectory(config.logDir);
        } catch (IOException e) {
            throw new StorageException("Cannot delete log directory " + removed.dir() + ": " + e.getMessage(), e);
        }
        scheduler.execute(() -> deleteDirectory(target));
        checkpoint();
    }

    /** Writes the recovery point and log start offset of every log. */
    public void checkpoint() {
        Map<TopicPartition, Long> points = new HashMap<>();
        Map<TopicPartition, Long> starts = new HashMap<>();
        for (PartitionLog partitionLog : logs.values()) {
            points.put(partitionLog.topicPartition(), partitionLog.recoveryPoint());
            starts.put(partitionLog.topicPartition(), partitionLog.logStartOffset());
        }
        recoveryPoints.write(points);
        logStartOffsets.write(starts);
    }

    /** Fsync passes done by the group-commit flusher so far. */
    public long flusherFsyncCount() {
        return flusher.fsyncCount();
    }

    /** Runs one pass of compaction over every compacted log (the scheduler also does this periodically). */
    public void compactNow() {
        cleaner.cleanAll();
    }

    private void ensureOpen() {
        if (closed) {
            throw new StorageException("Log manager for " + config.logDir + " is closed");
        }
    }

    /**
     * Clean shutdown: stops background work, closes (and so fsyncs) every log, writes the checkpoints, and
     * finally the clean-shutdown marker so the next open skips recovery.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        shutdownThreads();
        logs.values().forEach(PartitionLog::close);
        checkpoint();
        try {
            Files.writeString(config.logDir.resolve(CLEAN_SHUTDOWN_FILE), "");
            SegmentSwaps.syncDirectory(config.logDir);
        } catch (IOException e) {
            throw new StorageException("Cannot write the clean shutdown marker in " + config.logDir, e);
        } finally {
            flusher.close();
            releaseLock();
        }
        log.info("Closed data directory {} cleanly", config.logDir);
    }

    private void shutdownThreads() {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Log manager background duties did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void releaseLock() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            log.warn("Cannot release the lock on {}", config.logDir, e);
        }
    }

    private static void deleteDirectory(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            log.warn("Cannot delete {}: {}", dir, e.getMessage());
        }
    }
}
