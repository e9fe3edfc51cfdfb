package io.sluice.log.storage;

import static io.sluice.log.storage.LogFixture.batch;
import static io.sluice.log.storage.LogFixture.idempotentBatch;
import static io.sluice.log.storage.LogFixture.readValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.log.errors.CorruptRecordException;
import io.sluice.log.errors.FencedLeaderEpochException;
import io.sluice.log.errors.LogTruncatedException;
import io.sluice.log.errors.OffsetOutOfRangeException;
import io.sluice.log.errors.OutOfOrderSequenceException;
import io.sluice.log.errors.RecordTooLargeException;
import io.sluice.log.record.RecordBatch;
import io.sluice.log.record.RecordBatchDescriptor;
import io.sluice.log.record.RecordBatches;
import io.sluice.log.record.TimestampType;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionLogTest {
    @TempDir
    Path tmp;
    LogFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new LogFixture(tmp);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void appendAssignsConsecutiveOffsetsAndStampsTheLeaderEpoch() throws Exception {
        PartitionLog log = fixture.open();

        AppendResult first = log.appendAsLeader(batch("a", "b", "c"), 3, AppendOrigin.CLIENT);
        AppendResult second = log.appendAsLeader(batch("d"), 3, AppendOrigin.CLIENT);

        assertThat(first.firstOffset()).isEqualTo(0);
        assertThat(first.lastOffset()).isEqualTo(2);
        assertThat(second.firstOffset()).isEqualTo(3);
        assertThat(log.logEndOffset()).isEqualTo(4);
        RecordBatch stored = RecordBatches.of(log.read(3, 1024, true).slice().readFully()).iterator().next();
        assertThat(stored.baseOffset()).isEqualTo(3);
        assertThat(stored.partitionLeaderEpoch()).isEqualTo(3);
        assertThat(stored.isValid()).isTrue();
        assertThat(log.leaderEpochCache().latestEpoch()).hasValue(3);
    }

    @Test
    void readReturnsAFileSliceStartingAtTheBatchHoldingTheOffset() throws Exception {
        PartitionLog log = fixture.open();
        log.appendAsLeader(batch("a", "b"), 0, AppendOrigin.CLIENT);
        log.appendAsLeader(batch("c", "d"), 0, AppendOrigin.CLIENT);

        FetchResult result = log.read(3, 1 << 20, true);

        assertThat(result.slice().channel()).isNotNull();
        assertThat(RecordBatches.of(result.slice().readFully()).iterator().next().baseOffset()).isEqualTo(2);
        assertThat(readValues(log, 1)).containsExactly("1:b", "2:c", "3:d");
    }

    @Test
    void readHonoursTheByteLimitButReturnsOneWholeBatchWhenAsked() throws Exception {
        PartitionLog log = fixture.open();
        log.appendAsLeader(batch("aaaaaaaaaa", "bbbbbbbbbbbb"), 0, AppendOrigin.CLIENT);

        FetchResult limited = log.read(0, 10, false);
        FetchResult whole = log.read(0, 10, true);

        assertThat(limited.slice().length()).isEqualTo(10);
        assertThat(whole.slice().length()).isEqualTo((int) log.sizeInBytes());
    }

    @Test
    void readAtTheLogEndIsEmptyAndBeyondItIsOutOfRange() {
        PartitionLog log = fixture.open();
        log.appendAsLeader(batch("a"), 0, AppendOrigin.CLIENT);

        assertThat(log.read(1, 100, true).isEmpty()).isTrue();
        assertThatThrownBy(() -> log.read(2, 100, true)).isInstanceOf(OffsetOutOfRangeException.class)
            .hasMessageContaining("Offset 2").hasMessageContaining("[0, 1)");
    }

    @Test
    void readStopsAtTheUpperBound() throws Exception {
        PartitionLog log = fixture.open();
        log.appendAsLeader(batch("a"), 0, AppendOrigin.CLIENT);
        LogOffsetMetadata afterFirst = log.logEndOffsetMetadata();
        log.appendAsLeader(batch("b"), 0, AppendOrigin.CLIENT);

        FetchResult bounded = log.read(0, 1 << 20, afterFirst, true);

        assertThat(RecordBatches.of(bounded.slice().readFully())).hasSize(1);
        assertThat(log.read(1, 1 << 20, afterFirst, true).isEmpty()).isTrue();
    }

    @Test
    void rollsWhenTheSegmentIsFullAndReadsAcrossSegments() throws Exception {
        PartitionLog log = fixture.with("segment.bytes", 200).open();
        for (int i = 0; i < 10; i++) {
            log.appendAsLeader(batch("value-" + i), 0, AppendOrigin.CLIENT);
        }

        assertThat(log.segmentCount()).isGreaterThan(3);
        assertThat(readValues(log, 0)).hasSize(10).startsWith("0:value-0").endsWith("9:value-9");
    }

    @Test
    void rollsWhenTheOffsetIndexIsFull() {
        PartitionLog log = fixture.with("segment.index.bytes", 24).with("index.interval.bytes", 0).open();
        for (int i = 0; i < 10; i++) {
            log.appendAsLeader(batch("v" + i), 0, AppendOrigin.CLIENT);
        }

        assertThat(log.segmentCount()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void rollsWhenTheSegmentIsOlderThanSegmentMs() {
        PartitionLog log = fixture.with("segment.ms", 1_000L).open();
        long now = fixture.time.milliseconds();
        log.appendAsLeader(batch(now, "old"), 0, AppendOrigin.CLIENT);
        fixture.time.advance(1_001);

        log.appendAsLeader(batch(fixture.time.milliseconds(), "new"), 0, AppendOrigin.CLIENT);

        assertThat(log.segmentBaseOffsets()).containsExactly(0L, 1L);
    }

    @Test
    void logAppendTimeReplacesTheProducerTimestamp() throws Exception {
        PartitionLog log = fixture.with("message.timestamp.type", "LogAppendTime").open();

        AppendResult result = log.appendAsLeader(batch(5L, "a"), 0, AppendOrigin.CLIENT);

        RecordBatch stored = RecordBatches.of(log.read(0, 1024, true).slice().readFully()).iterator().next();
        assertThat(result.logAppendTimeMs()).isEqualTo(fixture.time.milliseconds());
        assertThat(stored.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(stored.maxTimestamp()).isEqualTo(fixture.time.milliseconds());
        assertThat(stored.isValid()).isTrue();
    }

    @Test
    void aDurableAppendCompletesOnlyAfterTheFsyncAndManyAppendsShareOne() {
        PartitionLog log = fixture.open();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            pending.add(log.appendAsLeader(batch("v" + i), 0, AppendOrigin.CLIENT).durable());
        }
        assertThat(pending).noneMatch(CompletableFuture::isDone);
        assertThat(log.recoveryPoint()).isZero();

        int fsyncPasses = fixture.flusher.flushQueued();

        assertThat(fsyncPasses).isEqualTo(1);
        assertThat(pending).allMatch(future -> future.isDone() && !future.isCompletedExceptionally());
        assertThat(log.recoveryPoint()).isEqualTo(50);
    }

    @Test
    void kafkaStyleFlushPolicyCompletesAppendsAtOnceAndFlushesEveryNMessages() {
        PartitionLog log = fixture.with("flush.messages", 3L).open();

        AppendResult first = log.appendAsLeader(batch("a", "b"), 0, AppendOrigin.CLIENT);
        fixture.flusher.flushQueued();
        assertThat(first.durable()).isDone();
        assertThat(log.recoveryPoint()).isZero();

        log.appendAsLeader(batch("c"), 0, AppendOrigin.CLIENT);
        fixture.flusher.flushQueued();
        assertThat(log.recoveryPoint()).isEqualTo(3);
    }

    @Test
    void rejectsAnAppendAtAStaleLeaderEpoch() {
        PartitionLog log = fixture.open();
        log.appendAsLeader(batch("a"), 5, AppendOrigin.CLIENT);

        assertThatThrownBy(() -> log.appendAsLeader(batch("b"), 4, AppendOrigin.CLIENT))
            .isInstanceOf(FencedLeaderEpochException.class).hasMessageContaining("epoch 4")
            .hasMessageContaining("5");
        assertThat(log.logEndOffset()).isEqualTo(1);
    }

    @Test
    void rejectsABatchOverMaxMessageBytes() {
        PartitionLog log = fixture.with("max.message.bytes", 100).open();

        assertThatThrownBy(() -> log.appendAsLeader(batch("x".repeat(200)), 0, AppendOrigin.CLIENT))
            .isInstanceOf(RecordTooLargeException.class).hasMessageContaining("max.message.bytes=100");
        assertThat(log.logEndOffset()).isZero();
    }

    @Test
    void rejectsABatchWithABadCrcAndAppendsNothing() {
        PartitionLog log = fixture.open();
        ByteBuffer corrupt = batch("a", "b");
        corrupt.put(RecordBatchDescriptor.RECORDS_OFFSET + 2, (byte) 0x7f);

        assertThatThrownBy(() -> log.appendAsLeader(corrupt, 0, AppendOrigin.CLIENT))
            .isInstanceOf(CorruptRecordException.class).hasMessageContaining("CRC");
        assertThat(log.logEndOffset()).isZero();
    }

    @Test
    void rejectsATruncatedBatch() {
        PartitionLog log = fixture.open();
        ByteBuffer whole = batch("a", "b");
        ByteBuffer torn = whole.slice(0, whole.remaining() - 3);

        assertThatThrownBy(() -> log.appendAsLeader(torn, 0, AppendOrigin.CLIENT))
            .isInstanceOf(CorruptRecordException.class);
    }

    @Test
    void aProducerRetryOfABatchAnswersWithTheOriginalOffsetsAndAppendsNothing() {
        PartitionLog log = fixture.open();
        log.appendAsLeader(batch("other"), 0, AppendOrigin.CLIENT);
        AppendResult original = log.appendAsLeader(idempotentBatch(7, (short) 0, 0, "a", "b"), 0, AppendOrigin.CLIENT);

        AppendResult retry = log.appendAsLeader(idempotentBatch(7, (short) 0, 0, "a", "b"), 0, AppendOrigin.CLIENT);

        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.firstOffset()).isEqualTo(original.firstOffset()).isEqualTo(1);
        assertThat(retry.lastOffset()).isEqualTo(original.lastOffset()).isEqualTo(2);
        assertThat(log.logEndOffset()).isEqualTo(3);
    }

    @Test
    void aSequenceGapIsAnOutOfOrderError() {
        PartitionLog log = fixture.open();
        log.appendAsLeader(idempotentBatch(7, (short) 0, 0, "a"), 0, AppendOrigin.CLIENT);

        assertThatThrownBy(() -> log.appendAsLeader(idempotentBatch(7, (short) 0, 5, "b"), 0, AppendOrigin.CLIENT))
            .isInstanceOf(OutOfOrderSequenceException.class);
        assertThat(log.logEndOffset()).isEqualTo(1);
    }

    @Test
    void producerStateSurvivesACleanRestart() {
        PartitionLog log = fixture.open();
        log.appendAsLeader(idempotentBatch(7, (short) 0, 0, "a"), 0, AppendOrigin.CLIENT);

        PartitionLog reopened = fixture.reopen();

        assertThat(reopened.appendAsLeader(idempotentBatch(7, (short) 0, 0, "a"), 0, AppendOrigin.CLIENT).duplicate())
            .isTrue();
        assertThatThrownBy(() -> reopened.appendAsLeader(idempotentBatch(7, (short) 0, 3, "c"), 0,
            AppendOrigin.CLIENT)).isInstanceOf(OutOfOrderSequenceException.class);
    }

    @Test
    void producerStateIsRebuiltByReplayAfterACrash() {
        PartitionLog log = fixture.with("segment.bytes", 300).open();
        for (int seq = 0; seq < 10; seq++) {
            log.appendAsLeader(idempotentBatch(9, (short) 2, seq, "v" + seq), 0, AppendOrigin.CLIENT);
        }
        log.flush();

        PartitionLog recovered = fixture.openAfterCrash(0);

        assertThat(recovered.appendAsLeader(idempotentBatch(9, (short) 2, 9, "v9"), 0, AppendOrigin.CLIENT)
            .firstOffset()).isEqualTo(9);
        assertThat(recovered.appendAsLeader(idempotentBatch(9, (short) 2, 10, "v10"), 0, AppendOrigin.CLIENT)
            .duplicate()).isFalse();
    }

    @Test
    void truncateToRemovesLaterBatchesAcrossSegments() throws Exception {
        PartitionLog log = fixture.with("segment.bytes", 200).open();
        for (int i = 0; i < 10; i++) {
            log.appendAsLeader(batch("v" + i), i < 5 ? 1 : 2, AppendOrigin.CLIENT);
        }

        assertThat(log.truncateTo(4)).isTrue();

        assertThat(log.logEndOffset()).isEqualTo(4);
        assertThat(readValues(log, 0)).containsExactly("0:v0", "1:v1", "2:v2", "3:v3");
        assertThat(log.leaderEpochCache().latestEpoch()).hasValue(1);
        AppendResult next = log.appendAsLeader(batch("again"), 3, AppendOrigin.CLIENT);
        assertThat(next.firstOffset()).isEqualTo(4);
        assertThat(readValues(fixture.reopen(), 0)).endsWith("4:again").hasSize(5);
    }

    @Test
    void truncationFailsDurabilityWaitersAboveTheNewEnd() {
        PartitionLog log = fixture.open();
        log.appendAsLeader(batch("a"), 0, AppendOrigin.CLIENT);
        CompletableFuture<Void> lost = log.appendAsLeader(batch("b"), 0, AppendOrigin.CLIENT).durable();

        log.truncateTo(1);

        assertThatThrownBy(lost::get).isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(LogTruncatedException.class);
    }

    @Test
    void truncateFullyStartsAnEmptyLogAtTheGivenOffset() {
        PartitionLog log = fixture.open();
        log.appendAsLeader(batch("a", "b"), 0, AppendOrigin.CLIENT);

        log.truncateFullyAndStartAt(100);

        assertThat(log.logStartOffset()).isEqualTo(100);
        assertThat(log.logEndOffset()).isEqualTo(100);
        assertThat(log.appendAsLeader(batch("c"), 0, AppendOrigin.CLIENT).firstOffset()).isEqualTo(100);
    }

    @Test
    void timeRetentionDeletesSegmentsWithOnlyOldRecords() throws Exception {
        PartitionLog log = fixture.with("segment.bytes", 200).with("retention.ms", 10_000L).open();
        long start = fixture.time.milliseconds();
        for (int i = 0; i < 6; i++) {
            log.appendAsLeader(batch(start, "old" + i), 0, AppendOrigin.CLIENT);
        }
        fixture.time.advance(20_000);
        log.roll();
        log.appendAsLeader(batch(fixture.time.milliseconds(), "fresh"), 0, AppendOrigin.CLIENT);

        int deleted = log.applyRetention();

        assertThat(deleted).isGreaterThan(0);
        assertThat(log.logStartOffset()).isEqualTo(6);
        assertThat(readValues(log, log.logStartOffset())).containsExactly("6:fresh");
        assertThatThrownBy(() -> log.read(0, 100, true)).isInstanceOf(OffsetOutOfRangeException.class);
    }

    @Test
    void sizeRetentionKeepsTheLogUnderRetentionBytes() {
        PartitionLog log = fixture.with("segment.bytes", 200).with("retention.bytes", 400L).open();
        for (int i = 0; i < 20; i++) {
            log.appendAsLeader(batch("value-" + i), 0, AppendOrigin.CLIENT);
        }

        log.applyRetention();

        assertThat(log.sizeInBytes()).isLessThanOrEqualTo(400);
        assertThat(log.logEndOffset()).isEqualTo(20);
        assertThat(log.logStartOffset()).isGreaterThan(0);
    }

    @Test
    void retentionByTimeCanEmptyTheLogButKeepsItsEndOffset() {
        PartitionLog log = fixture.with("retention.ms", 1_000L).open();
        log.appendAsLeader(batch(fixture.time.milliseconds(), "a", "b"), 0, AppendOrigin.CLIENT);
        fixture.time.advance(5_000);

        log.applyRetention();

        assertThat(log.logStartOffset()).isEqualTo(2);
        assertThat(log.logEndOffset()).isEqualTo(2);
        assertThat(log.appendAsLeader(batch("c"), 0, AppendOrigin.CLIENT).firstOffset()).isEqualTo(2);
    }

    @Test
    void deleteRecordsAdvancesTheLogStartOffsetAndDropsWholeSegmentsBelowIt() throws Exception {
        PartitionLog log = fixture.with("segment.bytes", 200).open();
        for (int i = 0; i < 10; i++) {
            log.appendAsLeader(batch("v" + i), 0, AppendOrigin.CLIENT);
        }
        int segmentsBefore = log.segmentCount();

        long start = log.deleteRecordsBefore(7);

        assertThat(start).isEqualTo(7);
        assertThat(log.segmentCount()).isLessThan(segmentsBefore);
        assertThat(readValues(log, 7)).containsExactly("7:v7", "8:v8", "9:v9");
        assertThatThrownBy(() -> log.read(6, 100, true)).isInstanceOf(OffsetOutOfRangeException.class);
        assertThatThrownBy(() -> log.deleteRecordsBefore(11)).isInstanceOf(OffsetOutOfRangeException.class);
    }

    @Test
    void findsTheFirstRecordAtOrAfterATimestamp() {
        PartitionLog log = fixture.with("segment.bytes", 250).open();
        for (int i = 0; i < 10; i++) {
            log.appendAsLeader(batch(1_000L * i, "t" + i), 0, AppendOrigin.CLIENT);
        }

        assertThat(log.offsetForTimestamp(4_500)).map(TimestampAndOffset::offset).hasValue(5L);
        assertThat(log.offsetForTimestamp(0)).map(TimestampAndOffset::offset).hasValue(0L);
        assertThat(log.offsetForTimestamp(9_001)).isEmpty();
        assertThat(log.maxTimestampAndOffset()).map(TimestampAndOffset::offset).hasValue(9L);
    }

    @Test
    void aCleanRestartKeepsEveryRecordAndSkipsRecovery() throws Exception {
        PartitionLog log = fixture.with("segment.bytes", 200).open();
        for (int i = 0; i < 10; i++) {
            log.appendAsLeader(batch("v" + i), 0, AppendOrigin.CLIENT);
        }

        PartitionLog reopened = fixture.reopen();

        assertThat(reopened.logEndOffset()).isEqualTo(10);
        assertThat(reopened.recoveryPoint()).isEqualTo(10);
        assertThat(readValues(reopened, 0)).hasSize(10);
        assertThat(reopened.appendAsLeader(batch("v10"), 0, AppendOrigin.CLIENT).firstOffset()).isEqualTo(10);
    }
}
