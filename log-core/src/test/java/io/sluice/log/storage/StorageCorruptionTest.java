package io.sluice.log.storage;

import static io.sluice.log.storage.LogFixture.batch;
import static io.sluice.log.storage.LogFixture.readValues;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files: each case is detected, logged with the file and position, repaired, never served as valid,
 * and data that was durable before the damage survives.
 */
class StorageCorruptionTest {
    @TempDir
    Path tmp;
    LogFixture fixture;
    LogCapture logs;

    @BeforeEach
    void setUp() {
        fixture = new LogFixture(tmp).with("index.interval.bytes", 0);
        logs = new LogCapture();
    }

    @AfterEach
    void tearDown() {
        logs.close();
        fixture.close();
    }

    /** Appends {@code count} one-record batches, fsynced, and returns the byte position after each batch. */
    private long[] appendDurably(PartitionLog log, int count) {
        long[] ends = new long[count];
        for (int i = 0; i < count; i++) {
            log.appendAsLeader(batch("value-" + i), 0, AppendOrigin.CLIENT);
            ends[i] = log.logEndOffsetMetadata().relativePosition();
        }
        log.flush();
        return ends;
    }

    private Path firstSegment() {
        return LogFileNames.logFile(fixture.dir, 0);
    }

    @Test
    void aTornLastBatchIsTruncatedAtRecovery() throws Exception {
        PartitionLog log = fixture.open();
        long[] ends = appendDurably(log, 5);
        log.close();
        try (RandomAccessFile file = new RandomAccessFile(firstSegment().toFile(), "rw")) {
            file.setLength(ends[4] - 7);
        }

        PartitionLog recovered = fixture.openAfterCrash(0);

        assertThat(recovered.logEndOffset()).isEqualTo(4);
        assertThat(readValues(recovered, 0)).containsExactly("0:value-0", "1:value-1", "2:value-2", "3:value-3");
        assertThat(Files.size(firstSegment())).isEqualTo(ends[3]);
        assertThat(logs.warnings()).anySatisfy(message -> assertThat(message)
            .contains(firstSegment().getFileName().toString()).contains("position " + ends[3]));
        assertThat(recovered.appendAsLeader(batch("next"), 0, AppendOrigin.CLIENT).firstOffset()).isEqualTo(4);
    }

    @Test
    void aCorruptByteInTheMiddleTruncatesFromThatBatchAndNeverServesIt() throws Exception {
        PartitionLog log = fixture.open();
        long[] ends = appendDurably(log, 6);
        log.close();
        flipByte(firstSegment(), ends[2] + 65);

        PartitionLog recovered = fixture.openAfterCrash(0);

        assertThat(recovered.logEndOffset()).isEqualTo(3);
        assertThat(readValues(recovered, 0)).containsExactly("0:value-0", "1:value-1", "2:value-2");
        assertThat(logs.warnings()).anySatisfy(message -> assertThat(message).contains("CRC")
            .contains("position " + ends[2]));
    }

    @Test
    void recoveryOnlyScansFromTheRecoveryPointSegment() throws Exception {
        PartitionLog log = fixture.with("segment.bytes", 200).open();
        appendDurably(log, 10);
        long lastSegmentBase = log.segmentBaseOffsets().get(log.segmentCount() - 1);
        log.close();
        // Damage in an old segment below the recovery point is not rescanned (it was durable and checked before).
        flipByte(firstSegment(), 70);

        PartitionLog recovered = fixture.openAfterCrash(lastSegmentBase);

        assertThat(recovered.logEndOffset()).isEqualTo(10);
        assertThat(logs.warnings()).noneMatch(message -> message.contains("truncating"));
    }

    @Test
    void garbageAfterTheLastBatchIsTruncated() throws Exception {
        PartitionLog log = fixture.open();
        long[] ends = appendDurably(log, 3);
        log.close();
        try (RandomAccessFile file = new RandomAccessFile(firstSegment().toFile(), "rw")) {
            file.seek(ends[2]);
            file.write(new byte[4096]);
        }

        PartitionLog recovered = fixture.openAfterCrash(0);

        assertThat(recovered.logEndOffset()).isEqualTo(3);
        assertThat(Files.size(firstSegment())).isEqualTo(ends[2]);
    }

    @Test
    void aDeletedIndexIsRebuiltEvenAfterACleanShutdown() throws Exception {
        PartitionLog log = fixture.open();
        appendDurably(log, 8);
        log.close();
        Files.delete(LogFileNames.indexFile(fixture.dir, 0));

        PartitionLog reopened = fixture.open();

        assertThat(readValues(reopened, 5)).containsExactly("5:value-5", "6:value-6", "7:value-7");
        assertThat(Files.exists(LogFileNames.indexFile(fixture.dir, 0))).isTrue();
        assertThat(logs.warnings()).anySatisfy(message -> assertThat(message).contains("missing")
            .contains(firstSegment().getFileName().toString()));
    }

    @Test
    void anIndexCutMidEntryIsRebuilt() throws Exception {
        PartitionLog log = fixture.open();
        appendDurably(log, 8);
        log.close();
        Path index = LogFileNames.indexFile(fixture.dir, 0);
        try (RandomAccessFile file = new RandomAccessFile(index.toFile(), "rw")) {
            file.setLength(file.length() - 3);
        }

        PartitionLog reopened = fixture.open();

        assertThat(readValues(reopened, 0)).hasSize(8);
        assertThat(logs.warnings()).anySatisfy(message -> assertThat(message).contains(index.toString()));
    }

    @Test
    void anIndexWithDecreasingEntriesIsRebuilt() throws Exception {
        PartitionLog log = fixture.open();
        appendDurably(log, 8);
        log.close();
        Path index = LogFileNames.indexFile(fixture.dir, 0);
        try (RandomAccessFile file = new RandomAccessFile(index.toFile(), "rw")) {
            file.seek(OffsetIndex.ENTRY_SIZE * 4L);
            file.writeInt(0);
        }

        PartitionLog reopened = fixture.open();

        assertThat(readValues(reopened, 3)).startsWith("3:value-3").hasSize(5);
        assertThat(logs.warnings()).anySatisfy(message -> assertThat(message).contains("entry 4"));
    }

    @Test
    void anIndexPointingPastTheLogIsRebuilt() throws Exception {
        PartitionLog log = fixture.open();
        long[] ends = appendDurably(log, 4);
        log.close();
        Path index = LogFileNames.indexFile(fixture.dir, 0);
        try (RandomAccessFile file = new RandomAccessFile(index.toFile(), "rw")) {
            file.seek(file.length() - 4);
            file.writeInt((int) ends[3] + 1000);
        }

        PartitionLog reopened = fixture.open();

        assertThat(readValues(reopened, 0)).hasSize(4);
        assertThat(logs.warnings()).anySatisfy(message -> assertThat(message).contains("beyond the log size"));
    }

    @Test
    void aCorruptLeaderEpochCheckpointIsRebuiltFromTheLog() throws Exception {
        PartitionLog log = fixture.open();
        log.appendAsLeader(batch("a"), 1, AppendOrigin.CLIENT);
        log.appendAsLeader(batch("b"), 4, AppendOrigin.CLIENT);
        log.close();
        Files.writeString(fixture.dir.resolve(LeaderEpochCache.FILE_NAME), "0\n2\n1 0\nbanana\n");

        PartitionLog reopened = fixture.open();

        assertThat(reopened.leaderEpochCache().entries()).containsExactly(
            new LeaderEpochCache.EpochEntry(1, 0), new LeaderEpochCache.EpochEntry(4, 1));
        assertThat(logs.warnings()).anySatisfy(message -> assertThat(message).contains(LeaderEpochCache.FILE_NAME));
    }

    @Test
    void aMissingSegmentTailAfterAPowerLossLeavesTheDurablePrefix() throws Exception {
        PartitionLog log = fixture.with("segment.bytes", 200).open();
        appendDurably(log, 10);
        log.close();
        // Delete the newest segment file entirely, as if its creation never reached the disk.
        long last = log.segmentBaseOffsets().get(log.segmentCount() - 1);
        Files.delete(LogFileNames.logFile(fixture.dir, last));

        PartitionLog recovered = fixture.openAfterCrash(0);

        assertThat(recovered.logEndOffset()).isEqualTo(last);
        assertThat(readValues(recovered, 0)).hasSize((int) last);
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            int value = raf.read();
            raf.seek(position);
            raf.write(value ^ 0xff);
        }
    }
}
