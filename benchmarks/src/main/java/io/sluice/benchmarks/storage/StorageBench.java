package io.sluice.benchmarks.storage;

import io.sluice.log.record.RecordBatchBuilder;
import io.sluice.log.storage.LogConfig;
import io.sluice.log.storage.LogEnvironment;
import io.sluice.log.storage.LogFlusher;
import io.sluice.log.storage.PartitionLog;
import io.sluice.log.storage.TopicPartition;
import io.sluice.log.util.Time;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the storage benchmarks share: the batch shapes, where data goes, and how a log is opened and disposed of.
 *
 * <p>Data lives under {@code -Dsluice.bench.dir} (default {@code java.io.tmpdir}), which must be on the disk
 * being measured; every trial writes into a fresh directory it deletes afterwards.
 */
final class StorageBench {
    static final TopicPartition TOPIC_PARTITION = new TopicPartition("bench", 0);
    /** One segment per GiB: the default, and large enough that a trial rolls only a few times. */
    static final int SEGMENT_BYTES = 1 << 30;
    static final long FLUSH_NEVER = Long.MAX_VALUE;
    /** Capacity of the reusable per-thread batch buffers: larger than any shape benchmarked here. */
    static final int MAX_BATCH_BYTES = 64 * 1024;

    private StorageBench() {
    }

    /**
     * One uncompressed record batch of the given shape, {@code "<records>x<valueBytes>"} (e.g. {@code 16x100}):
     * null keys, random (incompressible) values, a CreateTime timestamp. Position 0, limit its size.
     */
    static ByteBuffer batch(String shape, long seed) {
        int x = shape.indexOf('x');
        if (x <= 0) {
            throw new IllegalArgumentException("Batch shape must be <records>x<valueBytes>, got " + shape);
        }
        int records = Integer.parseInt(shape.substring(0, x));
        int valueBytes = Integer.parseInt(shape.substring(x + 1));
        SplittableRandom random = new SplittableRandom(seed);
        RecordBatchBuilder builder = new RecordBatchBuilder(0L);
        long timestamp = System.currentTimeMillis();
        for (int i = 0; i < records; i++) {
            byte[] value = new byte[valueBytes];
            for (int j = 0; j < valueBytes; j++) {
                value[j] = (byte) random.nextInt(256);
            }
            builder.append(timestamp, null, value);
        }
        return builder.build();
    }

    static int recordsPerBatch(String shape) {
        return Integer.parseInt(shape.substring(0, shape.indexOf('x')));
    }

    /** Copies {@code template} into {@code target} (cleared first) and flips it: position 0, limit the batch size. */
    static ByteBuffer copyInto(ByteBuffer template, ByteBuffer target) {
        target.clear();
        target.put(template.duplicate());
        return target.flip();
    }

    static Path newDataDir(String prefix) {
        Path root = Paths.get(System.getProperty("sluice.bench.dir", System.getProperty("java.io.tmpdir")));
        try {
            Files.createDirectories(root);
            return Files.createTempDirectory(root, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a data directory under " + root, e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }

    /** {@code flush.messages}: 1 acknowledges each append after a group-commit fsync; {@link #FLUSH_NEVER} never fsyncs. */
    static LogConfig logConfig(long flushMessages) {
        Map<String, Object> props = new HashMap<>();
        props.put(LogConfig.SEGMENT_BYTES.name(), SEGMENT_BYTES);
        props.put(LogConfig.FLUSH_MESSAGES.name(), flushMessages);
        props.put(LogConfig.FILE_DELETE_DELAY_MS.name(), 0L);
        return new LogConfig(props);
    }

    /** A partition log with its own flusher (one thread) and scheduler; close it to release all three. */
    static final class OpenLog implements AutoCloseable {
        final Path dir;
        final LogFlusher flusher = new LogFlusher(1, "bench");
        final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        final PartitionLog log;

        OpenLog(String prefix, long flushMessages) {
            this.dir = newDataDir(prefix);
            LogEnvironment env = new LogEnvironment(Time.SYSTEM, flusher, scheduler, 86_400_000L);
            this.log = PartitionLog.open(dir.resolve(TOPIC_PARTITION.dirName()), TOPIC_PARTITION,
                logConfig(flushMessages), 0L, 0L, true, env);
        }

        /**
         * Drops every segment (no fsync: the files are renamed, then closed and deleted by the scheduler) and
         * starts an empty one at the log end, so unsynced data from one iteration cannot fill the disk.
         */
        void discardData() {
            log.truncateFullyAndStartAt(log.logEndOffset());
        }

        @Override
        public void close() {
            discardData();
            log.close();
            flusher.close();
            scheduler.shutdown();
            try {
                // Scheduled segment deletions must finish before the directory goes.
                scheduler.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            deleteRecursively(dir);
        }
    }
}
