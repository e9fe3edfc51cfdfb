package io.sluice.cli;

import io.sluice.log.record.Record;
import io.sluice.log.record.RecordBatch;
import io.sluice.log.record.RecordBatchBuilder;
import io.sluice.log.record.RecordBatches;
import io.sluice.log.storage.AppendOrigin;
import io.sluice.log.storage.FetchResult;
import io.sluice.log.storage.LogConfig;
import io.sluice.log.storage.LogManager;
import io.sluice.log.storage.LogManagerConfig;
import io.sluice.log.storage.PartitionLog;
import io.sluice.log.storage.TopicPartition;
import io.sluice.log.util.Time;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The storage demo: appenders write durably (group commit) to one partition log, the log is read back and
 * checked, then reopened and checked again. Prints progress every second and a summary.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the demo: durable appends with group commit, read-back, clean reopen, verification.")
public final class DemoCommand implements Callable<Integer> {
    private static final TopicPartition TP = new TopicPartition("demo", 0);
    private static final int RECORDS_PER_BATCH = 16;
    private static final int VALUE_BYTES = 100;

    @Option(names = "--data-dir", description = "Where the demo keeps its data (reset at start). Default: ${DEFAULT-VALUE}")
    Path dataDir = Path.of("data", "demo");

    @Option(names = "--records", description = "Records to append. Default: ${DEFAULT-VALUE}")
    long records = 320_000;

    @Option(names = "--threads", description = "Concurrent appenders. Default: ${DEFAULT-VALUE}")
    int threads = 8;

    @Spec
    CommandSpec spec;

    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        if (records < RECORDS_PER_BATCH || threads < 1) {
            out.println("--records must be at least " + RECORDS_PER_BATCH + " and --threads at least 1");
            return 2;
        }
        resetDataDir();
        out.printf(Locale.ROOT, "Sluice demo: %,d records of %d bytes from %d threads, durable appends "
            + "(acknowledged only once fsynced)%nData: %s%n%n", records, VALUE_BYTES, threads, dataDir.toAbsolutePath());
        long batches = records / RECORDS_PER_BATCH;
        AtomicLong appended = new AtomicLong();
        long appendNanos;
        long fsyncs;
        try (LogManager manager = openManager()) {
            PartitionLog log = manager.getOrCreateLog(TP);
            long start = System.nanoTime();
            Progress progress = new Progress("append", appended, start);
            try {
                appendConcurrently(log, batches, appended);
            } finally {
                progress.stop();
            }
            appendNanos = System.nanoTime() - start;
            fsyncs = manager.flusherFsyncCount();
            long readStart = System.nanoTime();
            long verified = verify(log, batches * RECORDS_PER_BATCH);
            long readNanos = System.nanoTime() - readStart;
            out.printf(Locale.ROOT, "read back  %,d records in %.2f s (%.1f MB/s), every value checked%n", verified,
                readNanos / 1e9, mb(log.sizeInBytes()) / (readNanos / 1e9));
        }
        long reopenStart = System.nanoTime();
        try (LogManager manager = openManager()) {
            PartitionLog log = manager.getLog(TP).orElseThrow();
            long reopenNanos = System.nanoTime() - reopenStart;
            long verified = verify(log, batches * RECORDS_PER_BATCH);
            out.printf(Locale.ROOT, "reopened   in %.1f ms after a clean shutdown (no recovery scan), %,d records "
                + "verified again%n%n", reopenNanos / 1e6, verified);
            out.printf(Locale.ROOT, "Summary: %,d records, %.1f MB durable in %.2f s = %,.0f records/s, %.1f MB/s; "
                    + "%,d appends shared %,d fsync passes (group commit)%n", appended.get(),
                mb(log.sizeInBytes()), appendNanos / 1e9, appended.get() / (appendNanos / 1e9),
                mb(log.sizeInBytes()) / (appendNanos / 1e9), batches, fsyncs);
            out.printf("Data is in %s%n", dataDir.resolve(TP.dirName()).toAbsolutePath());
        }
        return 0;
    }

    private LogManager openManager() {
        return new LogManager(LogManagerConfig.forDir(dataDir), Time.SYSTEM,
            topic -> new LogConfig(Map.of("segment.bytes", String.valueOf(64 * 1024 * 1024))));
    }

    private void appendConcurrently(PartitionLog log, long batches, AtomicLong appended) throws Exception {
        var pool = Executors.newFixedThreadPool(threads);
        try {
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(CompletableFuture.runAsync(() -> {
                    for (long b = thread; b < batches; b += threads) {
                        log.appendAsLeader(batch(b), 0, AppendOrigin.CLIENT).durable().join();
                        appended.addAndGet(RECORDS_PER_BATCH);
                    }
                }, pool));
            }
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Batch {@code b} holds records {@code b*16 .. b*16+15}, each value naming its record number. */
    private static ByteBuffer batch(long b) {
        RecordBatchBuilder builder = new RecordBatchBuilder(0L);
        long now = System.currentTimeMillis();
        for (int i = 0; i < RECORDS_PER_BATCH; i++) {
            builder.append(now, null, value(b * RECORDS_PER_BATCH + i));
        }
        return builder.build();
    }

    private static byte[] value(long recordNumber) {
        byte[] value = new byte[VALUE_BYTES];
        byte[] id = ("record-" + recordNumber + ":").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(id, 0, value, 0, id.length);
        for (int i = id.length; i < VALUE_BYTES; i++) {
            value[i] = (byte) ('a' + (recordNumber + i) % 26);
        }
        return value;
    }

    /** Reads the whole log and checks that every record number appears once with its exact value. */
    private long verify(PartitionLog log, long expected) throws IOException {
        boolean[] seen = new boolean[(int) expected];
        long count = 0;
        long next = log.logStartOffset();
        while (next < log.logEndOffset()) {
            FetchResult result = log.read(next, 4 * 1024 * 1024, true);
            for (RecordBatch batch : RecordBatches.completeBatchesOf(result.slice().readFully())) {
                for (Iterator<Record> it = batch.records(); it.hasNext(); ) {
                    ByteBuffer value = it.next().value();
                    byte[] bytes = new byte[value.remaining()];
                    value.get(bytes);
                    String text = new String(bytes, StandardCharsets.US_ASCII);
                    long number = Long.parseLong(text.substring("record-".length(), text.indexOf(':')));
                    if (number >= expected || seen[(int) number] || !java.util.Arrays.equals(bytes, value(number))) {
                        throw new IllegalStateException("Verification failed at record " + number);
                    }
                    seen[(int) number] = true;
                    count++;
                }
                next = batch.nextOffset();
            }
        }
        if (count != expected) {
            throw new IllegalStateException("Expected " + expected + " records, read " + count);
        }
        return count;
    }

    private void resetDataDir() throws IOException {
        if (Files.exists(dataDir)) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    /** Prints a progress line every second until stopped. */
    private final class Progress {
        private final ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "demo-progress");
            thread.setDaemon(true);
            return thread;
        });

        Progress(String phase, AtomicLong done, long startNanos) {
            printer.scheduleAtFixedRate(() -> {
                double seconds = (System.nanoTime() - startNanos) / 1e9;
                long count = done.get();
                out.printf(Locale.ROOT, "%-10s %,12d / %,d records (%3.0f%%)  %,.0f records/s%n", phase, count,
                    records, 100.0 * count / records, count / seconds);
                out.flush();
            }, 1, 1, TimeUnit.SECONDS);
        }

        void stop() {
            printer.shutdownNow();
        }
    }
}
