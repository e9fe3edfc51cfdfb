package io.sluice.log.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.log.record.Record;
import io.sluice.log.record.RecordBatch;
import io.sluice.log.record.RecordBatchBuilder;
import io.sluice.log.record.RecordBatchDescriptor;
import io.sluice.log.record.RecordBatches;
import io.sluice.log.util.MockTime;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Random sequences of append / roll / flush / truncate / delete-records / retention / clean close / crash
 * (everything not fsynced is lost, the last write optionally torn) / reopen, checked after every step against
 * a simple in-memory model of the log.
 */
class PartitionLogProperties {
    private Path root;
    private ScheduledExecutorService scheduler;

    @BeforeProperty
    void setUp() throws IOException {
        root = Files.createTempDirectory("sluice-log-properties");
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterProperty
    void tearDown() throws IOException, InterruptedException {
        scheduler.shutdownNow();
        assertThat(scheduler.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        deleteRecursively(root);
    }

    /** Best-effort cleanup; delayed segment deletions of crashed (abandoned) logs may still be running. */
    private static void deleteRecursively(Path dir) throws IOException {
        for (int attempt = 0; attempt < 3 && Files.exists(dir); attempt++) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (java.nio.file.DirectoryNotEmptyException | java.nio.file.NoSuchFileException
                     | java.io.UncheckedIOException e) {
                // a concurrent deletion changed the tree: walk it again
            }
        }
    }

    sealed interface Op permits Append, Roll, Flush, Truncate, DeleteRecords, SizeRetention, Compact, CleanReopen,
        Crash {
    }

    record Append(int records, int valueBytes) implements Op {
    }

    record Roll() implements Op {
    }

    record Flush() implements Op {
    }

    /** Truncates to the start of a batch chosen by {@code fraction} of the way through the log. */
    record Truncate(double fraction) implements Op {
    }

    record DeleteRecords(double fraction) implements Op {
    }

    record SizeRetention(int maxBytes) implements Op {
    }

    /** Runs the log cleaner over the inactive segments. */
    record Compact() implements Op {
    }

    record CleanReopen() implements Op {
    }

    /** Crash: keeps fsynced bytes, plus {@code tornBytes} of whatever followed them. */
    record Crash(int tornBytes) implements Op {
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> append = Combinators.combine(Arbitraries.integers().between(1, 5),
            Arbitraries.integers().between(1, 120)).as(Append::new);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(10, append),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(new Roll())),
            net.jqwik.api.Tuple.of(3, Arbitraries.just(new Flush())),
            net.jqwik.api.Tuple.of(1, Arbitraries.doubles().between(0, 1).map(Truncate::new)),
            net.jqwik.api.Tuple.of(1, Arbitraries.doubles().between(0, 1).map(DeleteRecords::new)),
            net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(200, 2_000).map(SizeRetention::new)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(new Compact())),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(new CleanReopen())),
            net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 90).map(Crash::new)));
        return op.list().ofMinSize(1).ofMaxSize(40);
    }

    /** What the log must hold: record values by offset, batch start offsets, and the bounds. */
    static final class Model {
        /** Values by offset; a value's key is the text before its first '-' (see {@link #keyOf}). */
        final TreeMap<Long, String> records = new TreeMap<>();
        final TreeSet<Long> batchStarts = new TreeSet<>();
        long logStart;
        long logEnd;
        long durableEnd;

        void removeFrom(long offset) {
            records.tailMap(offset, true).clear();
            batchStarts.tailSet(offset, true).clear();
            logEnd = offset;
            durableEnd = Math.min(durableEnd, offset);
        }
    }

    private int dirCounter;

    @Property(tries = 200)
    void theLogBehavesLikeItsModel(@ForAll("operations") List<Op> operations) throws IOException {
        Path runDir = root.resolve("run-" + dirCounter++);
        Path dir = runDir.resolve("p-0");
        MockTime time = new MockTime();
        LogFlusher flusher = new LogFlusher(0, "property");
        LogEnvironment env = new LogEnvironment(time, flusher, scheduler, 86_400_000L);
        LogConfig config = new LogConfig(Map.of("segment.bytes", 1024, "index.interval.bytes", 100,
            "file.delete.delay.ms", 0L));
        TopicPartition tp = new TopicPartition("p", 0);
        PartitionLog log = PartitionLog.open(dir, tp, config, 0, 0, true, env);
        Model model = new Model();
        int valueCounter = 0;
        try {
            for (Op op : operations) {
                if (op instanceof Append append) {
                    RecordBatchBuilder builder = new RecordBatchBuilder(0L);
                    List<String> values = new ArrayList<>();
                    for (int i = 0; i < append.records(); i++) {
                        String key = "k" + valueCounter % 5;
                        String value = key + "-" + valueCounter++ + "-" + "x".repeat(append.valueBytes());
                        values.add(value);
                        builder.append(time.milliseconds(), key.getBytes(StandardCharsets.UTF_8),
                            value.getBytes(StandardCharsets.UTF_8));
                    }
                    AppendResult result = log.appendAsLeader(builder.build(), 0, AppendOrigin.CLIENT);
                    assertThat(result.firstOffset()).isEqualTo(model.logEnd);
                    model.batchStarts.add(model.logEnd);
                    for (String value : values) {
                        model.records.put(model.logEnd++, value);
                    }
                } else if (op instanceof Roll) {
                    log.roll();
                } else if (op instanceof Flush) {
                    flusher.flushQueued();
                    model.durableEnd = model.logEnd;
                } else if (op instanceof Truncate truncate) {
                    Long target = batchAt(model, truncate.fraction());
                    if (target != null) {
                        log.truncateTo(target);
                        model.removeFrom(target);
                    }
                } else if (op instanceof DeleteRecords delete) {
                    long target = model.logStart + Math.round((model.logEnd - model.logStart) * delete.fraction());
                    log.deleteRecordsBefore(target);
                    model.logStart = Math.max(model.logStart, target);
                } else if (op instanceof SizeRetention retention) {
                    log.updateConfig(new LogConfig(Map.of("segment.bytes", 1024, "index.interval.bytes", 100,
                        "file.delete.delay.ms", 0L, "retention.bytes", (long) retention.maxBytes())));
                    log.applyRetention();
                    log.updateConfig(config);
                    // Whole segments go, oldest first, only while the rest still holds retention.bytes.
                    assertThat(log.sizeInBytes()).isLessThan(retention.maxBytes() + 1024L);
                    model.logStart = Math.max(model.logStart, log.logStartOffset());
                } else if (op instanceof Compact) {
                    compactAndCheck(log, model, time, runDir);
                } else if (op instanceof CleanReopen) {
                    // As the log manager does at close: checkpoint the log start offset and recovery point.
                    long startCheckpoint = log.logStartOffset();
                    long recoveryCheckpoint = log.recoveryPoint();
                    log.close();
                    log = PartitionLog.open(dir, tp, config, recoveryCheckpoint, startCheckpoint, true, env);
                    model.durableEnd = model.logEnd;
                } else if (op instanceof Crash crash) {
                    LogOffsetMetadata durable = log.recoveryPointMetadata();
                    assertThat(durable.offset()).isEqualTo(model.durableEnd);
                    Path survivor = dir.resolveSibling("crashed-" + dirCounter++);
                    copyDurableState(dir, survivor, durable, crash.tornBytes());
                    // The crashed process never closes its log; the survivor copy is reopened in its place.
                    dir = survivor;
                    log = PartitionLog.open(dir, tp, config, 0, model.logStart, false, env);
                    model.removeFrom(model.durableEnd);
                    model.logEnd = Math.max(model.logEnd, model.logStart);
                    if (log.logEndOffset() < model.logEnd) {
                        // Recovery ends the log after its last batch: only offsets that held no record (a
                        // truncation into a compaction gap) may be given up, never a record.
                        assertThat(model.records.tailMap(log.logEndOffset(), true)).isEmpty();
                        assertThat(log.logEndOffset()).isGreaterThanOrEqualTo(model.logStart);
                        model.removeFrom(log.logEndOffset());
                    }
                    // Recovery fsyncs what it kept before serving it.
                    model.durableEnd = model.logEnd;
                }
                assertMatches(log, model);
            }
        } finally {
            log.close();
            flusher.close();
            deleteRecursively(runDir);
        }
    }

    /**
     * Compaction may only remove a record when a later record has the same key; the latest record of every key
     * stays, offsets and bounds do not move, and what it keeps becomes the model.
     */
    private static void compactAndCheck(PartitionLog log, Model model, MockTime time, Path dataDir) throws IOException {
        log.updateConfig(new LogConfig(Map.of("segment.bytes", 1024, "index.interval.bytes", 100,
            "file.delete.delay.ms", 0L, "cleanup.policy", "compact")));
        new LogCleaner(() -> Map.of(log.topicPartition(), log), time, dataDir).clean(log);
        log.updateConfig(new LogConfig(Map.of("segment.bytes", 1024, "index.interval.bytes", 100,
            "file.delete.delay.ms", 0L)));
        Map<Long, String> before = new TreeMap<>(model.records.tailMap(model.logStart, true));
        Map<String, Long> latestByKey = new TreeMap<>();
        before.forEach((offset, value) -> latestByKey.put(keyOf(value), offset));
        Map<Long, String> after = readAll(log);
        assertThat(before).as("compaction keeps records unchanged at their offsets").containsAllEntriesOf(after);
        assertThat(after.keySet()).as("the latest record of every key survives").containsAll(latestByKey.values());
        for (Map.Entry<Long, String> removed : before.entrySet()) {
            if (!after.containsKey(removed.getKey())) {
                assertThat(latestByKey.get(keyOf(removed.getValue()))).isGreaterThan(removed.getKey());
            }
        }
        model.records.keySet().retainAll(after.keySet());
        // The swap fsyncs what it rewrote, so the durable end may have moved up to the active segment.
        model.durableEnd = Math.max(model.durableEnd, log.recoveryPoint());
    }

    private static String keyOf(String value) {
        return value.substring(0, value.indexOf('-'));
    }

    private static Long batchAt(Model model, double fraction) {
        List<Long> candidates = new ArrayList<>(model.batchStarts.tailSet(model.logStart, true));
        if (candidates.isEmpty()) {
            return null;
        }
        return candidates.get((int) Math.min(candidates.size() - 1, Math.floor(fraction * candidates.size())));
    }

    private static void assertMatches(PartitionLog log, Model model) throws IOException {
        assertThat(log.logEndOffset()).as("log end offset").isEqualTo(model.logEnd);
        assertThat(log.logStartOffset()).as("log start offset").isEqualTo(model.logStart);
        assertThat(readAll(log)).isEqualTo(model.records.tailMap(model.logStart, true));
    }

    private static Map<Long, String> readAll(PartitionLog log) throws IOException {
        Map<Long, String> actual = new TreeMap<>();
        long next = log.logStartOffset();
        while (next < log.logEndOffset()) {
            FetchResult result = log.read(next, 1 << 20, true);
            if (result.isEmpty()) {
                // Only a gap at the end is left (a truncation into offsets that compaction had removed).
                break;
            }
            for (RecordBatch batch : RecordBatches.completeBatchesOf(result.slice().readFully())) {
                assertThat(batch.isValid()).isTrue();
                for (Iterator<Record> records = batch.records(); records.hasNext(); ) {
                    Record record = records.next();
                    if (record.offset() >= log.logStartOffset()) {
                        actual.put(record.offset(), StandardCharsets.UTF_8.decode(record.value()).toString());
                    }
                }
                next = batch.nextOffset();
            }
        }
        return actual;
    }

    /**
     * Copies what a power loss would leave: whole segments below the durable one, the durable segment up to the
     * durable position plus part of the batch that followed (a torn write), nothing after it. Indexes, checkpoints and
     * snapshots are copied as they are (they may be stale; the log must cope).
     */
    private static void copyDurableState(Path from, Path to, LogOffsetMetadata durable, int tornBytes)
        throws IOException {
        Files.createDirectories(to);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(from)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(LogFileNames.DELETED)) {
                    continue;
                }
                long base = LogFileNames.baseOffsetOf(name);
                if (name.endsWith(LogFileNames.LOG) && base >= 0) {
                    if (base < durable.segmentBaseOffset()) {
                        Files.copy(file, to.resolve(name));
                    } else if (base == durable.segmentBaseOffset()) {
                        copyTorn(file, to.resolve(name), durable.relativePosition(), tornBytes);
                    }
                } else if (!(name.endsWith(LogFileNames.INDEX) || name.endsWith(LogFileNames.TIME_INDEX))
                    || base <= durable.segmentBaseOffset()) {
                    Files.copy(file, to.resolve(name));
                }
            }
        }
    }

    /** Copies {@code durableBytes} plus a strict prefix (at most {@code tornBytes}) of the batch after them. */
    private static void copyTorn(Path source, Path target, int durableBytes, int tornBytes) throws IOException {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            int torn = 0;
            if (in.size() >= durableBytes + RecordBatchDescriptor.LOG_OVERHEAD) {
                ByteBuffer header = ByteBuffer.allocate(RecordBatchDescriptor.LOG_OVERHEAD);
                in.read(header, durableBytes);
                int nextBatchSize = RecordBatchDescriptor.LOG_OVERHEAD + header.getInt(RecordBatchDescriptor.LENGTH_OFFSET);
                torn = Math.min(tornBytes, nextBatchSize - 1);
            }
            long length = Math.min(durableBytes + (long) torn, in.size());
            ByteBuffer buffer = ByteBuffer.allocate((int) length);
            while (buffer.hasRemaining() && in.read(buffer, buffer.position()) >= 0) {
                // keep reading until the prefix is in the buffer
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        }
    }
}
