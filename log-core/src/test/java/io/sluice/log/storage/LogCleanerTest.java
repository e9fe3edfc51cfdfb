package io.sluice.log.storage;

import static io.sluice.log.storage.LogFixture.TP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.log.errors.OutOfOrderSequenceException;
import io.sluice.log.errors.StorageException;
import io.sluice.log.record.CompressionType;
import io.sluice.log.record.Record;
import io.sluice.log.record.RecordBatch;
import io.sluice.log.record.RecordBatchBuilder;
import io.sluice.log.record.RecordBatches;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogCleanerTest {
    private static final long PRODUCER_ID = 42L;
    private static final short EPOCH = 0;

    @TempDir
    Path tmp;
    LogFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new LogFixture(tmp).with(LogConfig.CLEANUP_POLICY.name(), "compact");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void keepsOnlyTheLatestValueOfEachKeyAndKeepsTheirOffsets() throws Exception {
        PartitionLog log = fixture.open();
        append(log, keyed(1_000L, "k1", "a", "k2", "b"));
        append(log, keyed(1_000L, "k1", "c"));
        log.roll();
        append(log, keyed(1_000L, "k2", "d", "k3", "e"));
        log.roll();

        LogCleaner.CleanerStats stats = cleaner(log).clean(log);

        assertThat(keyValues(log)).containsExactly("2:k1=c", "3:k2=d", "4:k3=e");
        assertThat(stats.recordsRemoved()).isEqualTo(2);
        assertThat(stats.recordsRead()).isEqualTo(5);
        assertThat(stats.bytesWritten()).isLessThan(stats.bytesRead());
        assertThat(stats.endOffset()).isEqualTo(5);
        assertThat(log.logEndOffset()).isEqualTo(5);
        assertThat(log.segmentBaseOffsets()).containsExactly(0L, 5L);
    }

    @Test
    void neverTouchesTheActiveSegmentNorRecordsSupersededOnlyByIt() throws Exception {
        PartitionLog log = fixture.open();
        append(log, keyed(1_000L, "k1", "a", "k2", "b"));
        log.roll();
        // Recent timestamps: a segment whose first batch is older than segment.ms would roll on the next append.
        long now = fixture.time.milliseconds();
        append(log, keyed(now, "k1", "c"));
        append(log, keyed(now, "k1", "d"));
        assertThat(log.segmentBaseOffsets()).containsExactly(0L, 2L);
        Path activeFile = LogFileNames.logFile(log.dir(), 2);
        Object activeFileKey = fileKey(activeFile);
        long activeSize = Files.size(activeFile);

        cleaner(log).clean(log);

        assertThat(keyValues(log)).containsExactly("0:k1=a", "1:k2=b", "2:k1=c", "3:k1=d");
        assertThat(fileKey(activeFile)).isEqualTo(activeFileKey);
        assertThat(Files.size(activeFile)).isEqualTo(activeSize);
    }

    @Test
    void keepsTombstonesUntilDeleteRetentionHasPassedSinceTheyWereFirstCleaned() throws Exception {
        fixture.with(LogConfig.DELETE_RETENTION_MS.name(), 10_000L);
        PartitionLog log = fixture.open();
        append(log, keyed(1_000L, "k1", "a", "k2", "b"));
        append(log, keyed(1_000L, "k1", null));
        log.roll();
        LogCleaner cleaner = cleaner(log);

        cleaner.clean(log);
        List<String> afterFirstCleaning = keyValues(log);
        fixture.time.advance(9_999L);
        cleaner.clean(log);
        List<String> justBeforeTheHorizon = keyValues(log);
        fixture.time.advance(1L);
        int cleanedByThePass = cleaner.cleanAll();

        assertThat(afterFirstCleaning).containsExactly("1:k2=b", "2:k1=null");
        assertThat(justBeforeTheHorizon).containsExactly("1:k2=b", "2:k1=null");
        assertThat(cleanedByThePass).as("a passed delete horizon triggers a cleaning without new dirty data")
            .isEqualTo(1);
        assertThat(keyValues(log)).containsExactly("1:k2=b");
    }

    @Test
    void leavesRecordsYoungerThanMinCompactionLagUncompacted() throws Exception {
        fixture.with(LogConfig.MIN_COMPACTION_LAG_MS.name(), 60_000L);
        PartitionLog log = fixture.open();
        long old = fixture.time.milliseconds() - 120_000L;
        append(log, keyed(old, "k1", "a"));
        log.roll();
        append(log, keyed(old, "k1", "b"));
        log.roll();
        append(log, keyed(fixture.time.milliseconds(), "k1", "c", "k2", "x"));
        log.roll();
        append(log, keyed(fixture.time.milliseconds(), "k2", "y"));
        log.roll();
        LogCleaner cleaner = cleaner(log);

        cleaner.clean(log);
        List<String> whileYoung = keyValues(log);
        fixture.time.advance(60_001L);
        cleaner.clean(log);

        assertThat(whileYoung).containsExactly("1:k1=b", "2:k1=c", "3:k2=x", "4:k2=y");
        assertThat(keyValues(log)).containsExactly("2:k1=c", "4:k2=y");
    }

    @Test
    void keepsTheEmptiedLastBatchOfAnIdempotentProducerSoItsSequencesStillValidateAfterAReload()
        throws Exception {
        PartitionLog log = fixture.open();
        append(log, idempotent(0, "k1", "a"));
        append(log, idempotent(1, "k2", "b"));
        append(log, keyed(1_000L, "k1", "x", "k2", "y"));
        log.roll();

        cleaner(log).clean(log);

        assertThat(batches(log)).extracting(RecordBatch::baseOffset, RecordBatch::recordCount)
            .as("the producer's first batch is dropped, its last one kept as an empty header")
            .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 0), org.assertj.core.groups.Tuple.tuple(2L, 2));
        assertThat(log.appendAsLeader(idempotent(1, "k2", "b"), 0, AppendOrigin.CLIENT).duplicate()).isTrue();

        log.close();
        deleteProducerSnapshots(log.dir());
        PartitionLog reopened = fixture.openAfterCrash(0L);

        AppendResult retry = reopened.appendAsLeader(idempotent(1, "k2", "b"), 0, AppendOrigin.CLIENT);
        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.firstOffset()).isEqualTo(1L);
        assertThatThrownBy(() -> reopened.appendAsLeader(idempotent(5, "k3", "c"), 0, AppendOrigin.CLIENT))
            .isInstanceOf(OutOfOrderSequenceException.class);
        AppendResult next = reopened.appendAsLeader(idempotent(2, "k3", "c"), 0, AppendOrigin.CLIENT);
        assertThat(next.duplicate()).isFalse();
        assertThat(next.firstOffset()).isEqualTo(4L);
    }

    @Test
    void rewritesCompressedBatchesWithTheirCompression() throws Exception {
        PartitionLog log = fixture.open();
        append(log, new RecordBatchBuilder(0L).compression(CompressionType.GZIP)
            .append(1_000L, bytes("k1"), bytes("a")).append(1_000L, bytes("k2"), bytes("b"))
            .append(1_000L, bytes("k3"), bytes("c")).build());
        append(log, keyed(1_000L, "k2", "x"));
        log.roll();

        cleaner(log).clean(log);

        RecordBatch rewritten = batches(log).get(0);
        assertThat(rewritten.compression()).isEqualTo(CompressionType.GZIP);
        assertThat(rewritten.isValid()).isTrue();
        assertThat(rewritten.recordCount()).isEqualTo(2);
        assertThat(keyValues(log)).containsExactly("0:k1=a", "2:k3=c", "3:k2=x");
    }

    @Test
    void aCrashBeforeTheCommitPointLeavesTheOldSegmentsIntact() throws Exception {
        PartitionLog log = fixture.open();
        append(log, keyed(1_000L, "k1", "a", "k2", "b"));
        log.roll();
        append(log, keyed(1_000L, "k1", "c"));
        log.roll();
        List<String> before = keyValues(log);
        LogCleaner crashingCleaner = cleaner(log, (partitionLog, cleaned, old) -> {
            // The process dies once the .cleaned output is written and fsynced: nothing else happens.
            cleaned.forEach(segment -> {
                segment.flushAll();
                segment.close();
            });
        });

        crashingCleaner.clean(log);
        boolean cleanedFilesLeft = filesEndingWith(log.dir(), LogFileNames.CLEANED) > 0;
        log.close();
        PartitionLog reopened = fixture.openAfterCrash(0L);

        assertThat(cleanedFilesLeft).isTrue();
        assertThat(keyValues(reopened)).isEqualTo(before).containsExactly("0:k1=a", "1:k2=b", "2:k1=c");
        assertThat(filesEndingWith(reopened.dir(), LogFileNames.CLEANED)).isZero();
    }

    @Test
    void aCrashPastTheCommitPointIsCompletedByTheNextOpenWithoutDuplicatesOrLoss() throws Exception {
        PartitionLog log = fixture.open();
        append(log, keyed(1_000L, "k1", "a"));
        log.roll();
        append(log, keyed(1_000L, "k2", "b"));
        log.roll();
        append(log, keyed(1_000L, "k1", "c", "k2", "d"));
        log.roll();
        append(log, keyed(1_000L, "k3", "e"));
        // Two groups: [0, 1] (both segments wholly superseded) and [2]; the active segment starts at 4.
        List<Path> files = List.of(LogFileNames.logFile(log.dir(), 0), LogFileNames.logFile(log.dir(), 1));
        log.updateConfig(fixture.with(LogConfig.SEGMENT_BYTES.name(),
            (int) (Files.size(files.get(0)) + Files.size(files.get(1)))).config());
        List<Long> swappedBases = new ArrayList<>();
        LogCleaner crashingCleaner = cleaner(log, (partitionLog, cleaned, old) -> {
            // The process dies right after the commit point: .cleaned renamed .swap, old segments still there.
            for (LogSegment segment : cleaned) {
                segment.flushAll();
                segment.close();
                renameToSwap(partitionLog.dir(), segment.baseOffset());
                swappedBases.add(segment.baseOffset());
            }
            SegmentSwaps.syncDirectory(partitionLog.dir());
        });

        crashingCleaner.clean(log);
        log.close();
        PartitionLog reopened = fixture.openAfterCrash(0L);

        assertThat(swappedBases).containsExactly(0L, 2L);
        assertThat(filesEndingWith(reopened.dir(), LogFileNames.SWAP)).isZero();
        assertThat(keyValues(reopened)).containsExactly("2:k1=c", "3:k2=d", "4:k3=e");
        assertThat(reopened.segmentBaseOffsets()).containsExactly(0L, 2L, 4L);
        assertThat(reopened.logEndOffset()).isEqualTo(5L);
    }

    @Test
    void cleansInSeveralPassesWhenTheOffsetMapIsFull() throws Exception {
        PartitionLog log = fixture.open();
        append(log, keyed(1_000L, "k1", "a", "k2", "b"));
        log.roll();
        append(log, keyed(1_000L, "k1", "c", "k2", "d"));
        log.roll();
        append(log, keyed(1_000L, "k1", "e"));
        log.roll();
        LogCleaner cleaner = new LogCleaner(() -> Map.of(TP, log), fixture.time, tmp, 1L,
            PartitionLog::replaceSegments);

        LogCleaner.CleanerStats first = cleaner.clean(log);
        List<String> afterFirst = keyValues(log);
        LogCleaner.CleanerStats second = cleaner.clean(log);
        LogCleaner.CleanerStats third = cleaner.clean(log);

        assertThat(first.endOffset()).isEqualTo(2L);
        assertThat(cleaner.firstDirtyOffset(TP)).hasValue(5L);
        assertThat(afterFirst).containsExactly("0:k1=a", "1:k2=b", "2:k1=c", "3:k2=d", "4:k1=e");
        assertThat(second.endOffset()).isEqualTo(4L);
        assertThat(third.endOffset()).isEqualTo(5L);
        assertThat(keyValues(log)).containsExactly("3:k2=d", "4:k1=e");
    }

    @Test
    void aFailingLogIsLoggedAndDoesNotStopTheOthers() throws Exception {
        PartitionLog good = fixture.open();
        TopicPartition badPartition = new TopicPartition("payments", 0);
        PartitionLog bad = PartitionLog.open(tmp.resolve(badPartition.dirName()), badPartition, fixture.config(), 0L,
            0L, true, fixture.env());
        try {
            for (PartitionLog log : List.of(bad, good)) {
                append(log, keyed(1_000L, "k1", "a"));
                append(log, keyed(1_000L, "k1", "b"));
                log.roll();
            }
            Map<TopicPartition, PartitionLog> logs = new LinkedHashMap<>();
            logs.put(badPartition, bad);
            logs.put(TP, good);
            LogCleaner cleaner = new LogCleaner(() -> logs, fixture.time, tmp, LogCleaner.DEFAULT_MAX_MAP_BYTES,
                (partitionLog, cleaned, old) -> {
                    if (partitionLog == bad) {
                        throw new StorageException("disk full");
                    }
                    partitionLog.replaceSegments(cleaned, old);
                });

            int cleaned = cleaner.cleanAll();

            assertThat(cleaned).isEqualTo(1);
            assertThat(cleaner.failures()).isEqualTo(1);
            assertThat(keyValues(good)).containsExactly("1:k1=b");
            assertThat(keyValues(bad)).containsExactly("0:k1=a", "1:k1=b");
            assertThat(filesEndingWith(bad.dir(), LogFileNames.CLEANED)).as("aborted output is removed").isZero();
            assertThat(cleaner.firstDirtyOffset(badPartition)).isEmpty();
        } finally {
            bad.close();
        }
    }

    @Test
    void neverCleansALogWhoseCleanupPolicyIsOnlyDelete() throws Exception {
        fixture.with(LogConfig.CLEANUP_POLICY.name(), "delete");
        PartitionLog log = fixture.open();
        append(log, keyed(1_000L, "k1", "a"));
        append(log, keyed(1_000L, "k1", "b"));
        log.roll();
        LogCleaner cleaner = cleaner(log);

        int cleaned = cleaner.cleanAll();

        assertThat(cleaned).isZero();
        assertThat(keyValues(log)).containsExactly("0:k1=a", "1:k1=b");
        assertThat(cleaner.firstDirtyOffset(TP)).isEmpty();
    }

    @Test
    void cleansOnlyOnceTheDirtyRatioReachesMinCleanableDirtyRatio() throws Exception {
        fixture.with(LogConfig.MIN_CLEANABLE_DIRTY_RATIO.name(), 0.5);
        PartitionLog log = fixture.open();
        append(log, keyed(1_000L, "k1", "a", "k2", "b", "k3", "c", "k4", "d"));
        log.roll();
        LogCleaner cleaner = cleaner(log);
        cleaner.cleanAll();
        append(log, keyed(1_000L, "k1", "x"));
        log.roll();

        int belowRatio = cleaner.cleanAll();
        append(log, keyed(1_000L, "k2", "y", "k3", "z", "k4", "w"));
        log.roll();
        int aboveRatio = cleaner.cleanAll();

        assertThat(belowRatio).isZero();
        assertThat(aboveRatio).isEqualTo(1);
        assertThat(keyValues(log)).containsExactly("4:k1=x", "5:k2=y", "6:k3=z", "7:k4=w");
    }

    @Test
    void theCleanerCheckpointSurvivesALogManagerRestart() throws Exception {
        Path dataDir = tmp.resolve("data");
        LogConfig compacted = fixture.config();
        LogManagerConfig managerConfig = LogManagerConfig.forDir(dataDir);
        Path firstSegment;
        Object cleanedFileKey;
        try (LogManager manager = new LogManager(managerConfig, fixture.time, topic -> compacted)) {
            PartitionLog log = manager.getOrCreateLog(TP);
            append(log, keyed(1_000L, "k1", "a"));
            append(log, keyed(1_000L, "k1", "b"));
            log.roll();
            manager.compactNow();
            firstSegment = LogFileNames.logFile(log.dir(), 0);
            cleanedFileKey = fileKey(firstSegment);
        }
        Map<TopicPartition, Long> checkpointed =
            new OffsetCheckpointFile(dataDir.resolve(OffsetCheckpointFile.CLEANER_OFFSET_FILE_NAME)).read();

        try (LogManager restarted = new LogManager(managerConfig, fixture.time, topic -> compacted)) {
            restarted.compactNow();

            assertThat(checkpointed).containsEntry(TP, 2L);
            assertThat(fileKey(firstSegment)).as("nothing dirty after the restart: the segment is not rewritten")
                .isEqualTo(cleanedFileKey);
            assertThat(keyValues(restarted.getLog(TP).orElseThrow())).containsExactly("1:k1=b");
        }
    }

    // ------------------------------------------------------------------------------------------- helpers

    private LogCleaner cleaner(PartitionLog log) {
        return cleaner(log, PartitionLog::replaceSegments);
    }

    private LogCleaner cleaner(PartitionLog log, LogCleaner.SegmentReplacer replacer) {
        return new LogCleaner(() -> Map.of(log.topicPartition(), log), fixture.time, tmp,
            LogCleaner.DEFAULT_MAX_MAP_BYTES, replacer);
    }

    private static void append(PartitionLog log, ByteBuffer batch) {
        log.appendAsLeader(batch, 0, AppendOrigin.CLIENT);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A batch of (key, value) pairs at {@code timestamp}; a null value is a tombstone. */
    private static ByteBuffer keyed(long timestamp, String... keyValues) {
        RecordBatchBuilder builder = new RecordBatchBuilder(0L);
        for (int i = 0; i < keyValues.length; i += 2) {
            builder.append(timestamp, bytes(keyValues[i]), keyValues[i + 1] == null ? null : bytes(keyValues[i + 1]));
        }
        return builder.build();
    }

    private static ByteBuffer idempotent(int sequence, String key, String value) {
        return new RecordBatchBuilder(0L).producer(PRODUCER_ID, EPOCH, sequence)
            .append(1_000L, bytes(key), bytes(value)).build();
    }

    /** Every batch from the log start to the log end, as a fetch returns them. */
    private static List<RecordBatch> batches(PartitionLog log) throws IOException {
        List<RecordBatch> batches = new ArrayList<>();
        long next = log.logStartOffset();
        while (next < log.logEndOffset()) {
            FetchResult result = log.read(next, 1 << 20, true);
            if (result.slice().length() == 0) {
                break;
            }
            for (RecordBatch batch : RecordBatches.of(result.slice().readFully())) {
                batches.add(batch);
                next = batch.nextOffset();
            }
        }
        return batches;
    }

    /** Every record as {@code offset:key=value}, reading through the gaps compaction leaves. */
    private static List<String> keyValues(PartitionLog log) throws IOException {
        List<String> values = new ArrayList<>();
        for (RecordBatch batch : batches(log)) {
            for (Iterator<Record> records = batch.records(); records.hasNext(); ) {
                Record record = records.next();
                values.add(record.offset() + ":" + decode(record.key()) + "=" + decode(record.value()));
            }
        }
        return values;
    }

    private static String decode(ByteBuffer bytes) {
        return bytes == null ? "null" : StandardCharsets.UTF_8.decode(bytes).toString();
    }

    private static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    private static long filesEndingWith(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix)).count();
        }
    }

    private static void renameToSwap(Path dir, long base) {
        try {
            for (Path file : List.of(LogFileNames.logFile(dir, base), LogFileNames.indexFile(dir, base),
                LogFileNames.timeIndexFile(dir, base))) {
                Path cleaned = file.resolveSibling(file.getFileName() + LogFileNames.CLEANED);
                Files.move(cleaned, file.resolveSibling(file.getFileName() + LogFileNames.SWAP),
                    StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void deleteProducerSnapshots(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(ProducerStateManager.SNAPSHOT_SUFFIX)).toList()) {
                Files.delete(file);
            }
        }
    }
}
