package io.sluice.log.storage;

import static io.sluice.log.storage.TestBatches.idempotent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sluice.log.errors.InvalidProducerEpochException;
import io.sluice.log.errors.OutOfOrderSequenceException;
import io.sluice.log.record.RecordBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

class ProducerStateManagerTest {
    private static final long PID = 1000L;
    private static final long OTHER_PID = 2000L;

    @TempDir
    Path logDir;

    private final TopicPartition partition = new TopicPartition("orders", 0);

    private ProducerStateManager newManager() {
        return new ProducerStateManager(partition, logDir);
    }

    /** What the log does for a client batch that is not a duplicate: check, append, record. */
    private static void append(ProducerStateManager manager, RecordBatch batch) {
        assertThat(manager.checkAppend(batch, AppendOrigin.CLIENT)).isEmpty();
        manager.update(batch);
        manager.updateMapEndOffset(batch.nextOffset());
    }

    @Test
    void batchWithoutProducerIdIsNeitherCheckedNorRecorded() {
        ProducerStateManager manager = newManager();
        RecordBatch batch = TestBatches.plain(3, 0);

        assertThat(manager.checkAppend(batch, AppendOrigin.CLIENT)).isEmpty();
        manager.update(batch);

        assertThat(manager.activeProducers()).isEmpty();
    }

    @Test
    void unknownProducerMayStartAtAnySequence() {
        ProducerStateManager manager = newManager();

        assertThat(manager.checkAppend(idempotent(PID, 0, 42, 1, 0, 100), AppendOrigin.CLIENT)).isEmpty();
    }

    @Test
    void retryOfTheLastBatchReturnsItsOriginalOffsets() {
        ProducerStateManager manager = newManager();
        append(manager, idempotent(PID, 0, 0, 5, 100, 7));

        var duplicate = manager.checkAppend(idempotent(PID, 0, 0, 5, -1, 9), AppendOrigin.CLIENT);

        assertThat(duplicate).contains(new BatchMetadata(0, 4, 100, 104, 7));
    }

    @Test
    void retryOfAnyOfTheLastFiveBatchesIsADuplicate() {
        ProducerStateManager manager = newManager();
        for (int i = 0; i < 5; i++) {
            append(manager, idempotent(PID, 0, i * 2, 2, 10L * i, 1));
        }

        var duplicate = manager.checkAppend(idempotent(PID, 0, 0, 2, -1, 1), AppendOrigin.CLIENT);

        assertThat(duplicate).contains(new BatchMetadata(0, 1, 0, 1, 1));
    }

    @Test
    void onlyTheLastFiveBatchesAreRemembered() {
        ProducerStateManager manager = newManager();
        for (int i = 0; i < 6; i++) {
            append(manager, idempotent(PID, 0, i, 1, i, 1));
        }

        assertThat(manager.lastEntry(PID).orElseThrow().batches())
            .extracting(BatchMetadata::firstSeq).containsExactly(1, 2, 3, 4, 5);
        assertThatThrownBy(() -> manager.checkAppend(idempotent(PID, 0, 0, 1, -1, 1), AppendOrigin.CLIENT))
            .isInstanceOf(OutOfOrderSequenceException.class);
    }

    @Test
    void sequenceGapIsOutOfOrderNamingExpectedAndReceived() {
        ProducerStateManager manager = newManager();
        append(manager, idempotent(PID, 0, 0, 5, 0, 1));

        assertThatThrownBy(() -> manager.checkAppend(idempotent(PID, 0, 6, 1, -1, 1), AppendOrigin.CLIENT))
            .isInstanceOf(OutOfOrderSequenceException.class)
            .hasMessageContaining("expected sequence 5")
            .hasMessageContaining("received 6");
    }

    @Test
    void overlappingBatchThatIsNotAnExactRetryIsOutOfOrder() {
        ProducerStateManager manager = newManager();
        append(manager, idempotent(PID, 0, 0, 5, 0, 1));

        assertThatThrownBy(() -> manager.checkAppend(idempotent(PID, 0, 0, 3, -1, 1), AppendOrigin.CLIENT))
            .isInstanceOf(OutOfOrderSequenceException.class);
    }

    @Test
    void staleProducerEpochIsFencedNamingBothEpochs() {
        ProducerStateManager manager = newManager();
        append(manager, idempotent(PID, 3, 0, 1, 0, 1));

        assertThatThrownBy(() -> manager.checkAppend(idempotent(PID, 2, 1, 1, -1, 1), AppendOrigin.CLIENT))
            .isInstanceOf(InvalidProducerEpochException.class)
            .hasMessageContaining("epoch 2")
            .hasMessageContaining("latest epoch 3");
    }

    @Test
    void newEpochMustStartAtSequenceZero() {
        ProducerStateManager manager = newManager();
        append(manager, idempotent(PID, 0, 0, 5, 0, 1));

        assertThatThrownBy(() -> manager.checkAppend(idempotent(PID, 1, 5, 1, -1, 1), AppendOrigin.CLIENT))
            .isInstanceOf(OutOfOrderSequenceException.class)
            .hasMessageContaining("expected 0");
    }

    @Test
    void newEpochAtSequenceZeroIsAcceptedAndForgetsTheOldEpochsBatches() {
        ProducerStateManager manager = newManager();
        append(manager, idempotent(PID, 0, 0, 5, 0, 1));

        append(manager, idempotent(PID, 1, 0, 2, 5, 1));

        ProducerStateEntry entry = manager.lastEntry(PID).orElseThrow();
        assertThat(entry.producerEpoch()).isEqualTo((short) 1);
        assertThat(entry.batches()).containsExactly(new BatchMetadata(0, 1, 5, 6, 1));
    }

    @Test
    void sequenceWrapsFromIntMaxToZero() {
        ProducerStateManager manager = newManager();
        append(manager, idempotent(PID, 0, Integer.MAX_VALUE - 1, 2, 0, 1));

        assertThat(manager.checkAppend(idempotent(PID, 0, 0, 1, -1, 1), AppendOrigin.CLIENT)).isEmpty();
    }

    @Test
    void batchSpanningTheWrapIsTrackedByItsWrappedLastSequence() {
        ProducerStateManager manager = newManager();
        append(manager, idempotent(PID, 0, Integer.MAX_VALUE - 1, 4, 0, 1));

        assertThat(manager.lastEntry(PID).orElseThrow().lastSeq()).isEqualTo(1);
        assertThat(manager.checkAppend(idempotent(PID, 0, 2, 1, -1, 1), AppendOrigin.CLIENT)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = AppendOrigin.class, names = {"REPLICATION", "RECOVERY"})
    void replicationAndRecoveryAppendsAreNotChecked(AppendOrigin origin) {
        ProducerStateManager manager = newManager();
        append(manager, idempotent(PID, 3, 0, 5, 0, 1));

        assertThat(manager.checkAppend(idempotent(PID, 2, 99, 1, 5, 1), origin)).isEmpty();
        assertThat(manager.checkAppend(idempotent(PID, 3, 0, 5, 5, 1), origin)).isEmpty();
    }

    @Test
    void transactionMarkerMovesEpochAndTimestampButRecordsNoBatch() {
        ProducerStateManager manager = newManager();
        append(manager, idempotent(PID, 0, 0, 2, 0, 10));

        manager.update(TestBatches.marker(PID, 0, 2, 20));

        ProducerStateEntry entry = manager.lastEntry(PID).orElseThrow();
        assertThat(entry.batches()).containsExactly(new BatchMetadata(0, 1, 0, 1, 10));
        assertThat(entry.lastTimestamp()).isEqualTo(20);
        assertThat(manager.checkAppend(idempotent(PID, 0, 2, 1, -1, 1), AppendOrigin.CLIENT)).isEmpty();
    }

    @Test
    void activeProducersIsAnImmutableCopy() {
        ProducerStateManager manager = newManager();
        append(manager, idempotent(PID, 0, 0, 1, 0, 1));

        var producers = manager.activeProducers();
        append(manager, idempotent(OTHER_PID, 0, 0, 1, 1, 1));

        assertThat(producers).containsOnlyKeys(PID);
        assertThatThrownBy(() -> producers.remove(PID)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void producersIdleForTheExpirationTimeAreRemoved() {
        ProducerStateManager manager = newManager();
        append(manager, idempotent(PID, 0, 0, 1, 0, 1_000));
        append(manager, idempotent(OTHER_PID, 0, 0, 1, 1, 5_000));

        manager.removeExpiredProducers(11_000, 10_000);

        assertThat(manager.activeProducers()).containsOnlyKeys(OTHER_PID);
        assertThat(manager.checkAppend(idempotent(PID, 0, 7, 1, -1, 1), AppendOrigin.CLIENT)).isEmpty();
    }

    @Test
    void snapshotRoundTripsTheWholeState() {
        ProducerStateManager manager = newManager();
        for (int i = 0; i < 6; i++) {
            append(manager, idempotent(PID, 2, i * 3, 3, i * 3L, 100 + i));
        }
        append(manager, idempotent(OTHER_PID, 0, 0, 1, 18, 200));
        manager.update(TestBatches.marker(OTHER_PID, 1, 19, 300));
        manager.updateMapEndOffset(20);
        manager.takeSnapshot(20);

        ProducerStateManager reloaded = newManager();
        long replayFrom = reloaded.loadLatestSnapshot(Long.MAX_VALUE);

        assertThat(replayFrom).isEqualTo(20);
        assertThat(reloaded.mapEndOffset()).isEqualTo(20);
        assertThat(reloaded.activeProducers()).isEqualTo(manager.activeProducers());
        assertThat(manager.snapshotOffsets()).containsExactly(20L);
        assertThat(logDir.resolve("00000000000000000020.snapshot")).exists();
    }

    @Test
    void takeSnapshotRejectsAnOffsetOtherThanTheMapEndOffset() {
        ProducerStateManager manager = newManager();
        append(manager, idempotent(PID, 0, 0, 5, 0, 1));

        assertThatThrownBy(() -> manager.takeSnapshot(3))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("offset 3")
            .hasMessageContaining("offset 5");
    }

    @Test
    void loadLatestSnapshotPicksTheNewestAtOrBelowTheMaxOffset() {
        ProducerStateManager manager = snapshotsAt(5, 10, 15);

        ProducerStateManager reloaded = newManager();

        assertThat(reloaded.loadLatestSnapshot(14)).isEqualTo(10);
        assertThat(reloaded.lastEntry(PID).orElseThrow().lastSeq()).isEqualTo(9);
        assertThat(manager.snapshotOffsets()).containsExactly(5L, 10L, 15L);
    }

    @Test
    void loadLatestSnapshotWithoutSnapshotsStartsEmptyAndReplaysFromZero() {
        ProducerStateManager manager = newManager();

        assertThat(manager.loadLatestSnapshot(100)).isZero();
        assertThat(manager.activeProducers()).isEmpty();
    }

    @Test
    void corruptSnapshotIsLoggedOnceDeletedAndAnOlderOneUsed() throws IOException {
        snapshotsAt(5, 10);
        Path newest = logDir.resolve("00000000000000000010.snapshot");
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length - 1] ^= 1;
        Files.write(newest, bytes);
        ListAppender<ILoggingEvent> warnings = captureLog();

        try {
            ProducerStateManager reloaded = newManager();
            long replayFrom = reloaded.loadLatestSnapshot(Long.MAX_VALUE);
            reloaded.loadLatestSnapshot(Long.MAX_VALUE);

            assertThat(replayFrom).isEqualTo(5);
            assertThat(reloaded.lastEntry(PID).orElseThrow().lastSeq()).isEqualTo(4);
            assertThat(newest).doesNotExist();
            assertThat(warnings.list).singleElement().extracting(ILoggingEvent::getFormattedMessage)
                .asString().contains(newest.toString()).contains("CRC");
        } finally {
            releaseLog(warnings);
        }
    }

    @Test
    void truncatedOrUnversionedSnapshotIsNeverTrusted() throws IOException {
        snapshotsAt(5);
        Path snapshot = logDir.resolve("00000000000000000005.snapshot");
        byte[] bytes = Files.readAllBytes(snapshot);
        Files.write(snapshot, Arrays.copyOf(bytes, bytes.length - 8));
        Files.write(logDir.resolve("00000000000000000003.snapshot"), new byte[] {0, 9, 0, 0, 0, 0, 0, 0, 0, 0});

        ProducerStateManager reloaded = newManager();

        assertThat(reloaded.loadLatestSnapshot(Long.MAX_VALUE)).isZero();
        assertThat(reloaded.activeProducers()).isEmpty();
        assertThat(reloaded.snapshotOffsets()).isEmpty();
    }

    @Test
    void truncateAndReloadDeletesSnapshotsOutsideTheLogAndLoadsTheNewestInside() {
        ProducerStateManager manager = snapshotsAt(5, 10, 15, 20);

        long replayFrom = manager.truncateAndReload(10, 17);

        assertThat(replayFrom).isEqualTo(15);
        assertThat(manager.mapEndOffset()).isEqualTo(15);
        assertThat(manager.snapshotOffsets()).containsExactly(10L, 15L);
        assertThat(manager.lastEntry(PID).orElseThrow().lastSeq()).isEqualTo(14);
    }

    @Test
    void truncateAndReloadWithNoSnapshotLeftStartsEmptyAtTheLogStart() {
        ProducerStateManager manager = snapshotsAt(5);

        long replayFrom = manager.truncateAndReload(0, 4);

        assertThat(replayFrom).isZero();
        assertThat(manager.activeProducers()).isEmpty();
        assertThat(manager.snapshotOffsets()).isEmpty();
    }

    @Test
    void deleteSnapshotsBelowKeepsTheOffsetItself() {
        ProducerStateManager manager = snapshotsAt(5, 10, 15);

        manager.deleteSnapshotsBelow(10);

        assertThat(manager.snapshotOffsets()).containsExactly(10L, 15L);
    }

    @Test
    void filesThatOnlyLookLikeSnapshotsAreIgnored() throws IOException {
        Files.writeString(logDir.resolve("5.snapshot"), "x");
        Files.writeString(logDir.resolve("00000000000000000005.snapshot.tmp"), "x");
        Files.writeString(logDir.resolve("00000000000000000005.log"), "x");

        assertThat(newManager().snapshotOffsets()).isEmpty();
    }

    @Test
    void snapshotOfAnEmptyStateRoundTrips() {
        ProducerStateManager manager = newManager();
        manager.updateMapEndOffset(7);
        manager.takeSnapshot(7);

        ProducerStateManager reloaded = newManager();

        assertThat(reloaded.loadLatestSnapshot(Long.MAX_VALUE)).isEqualTo(7);
        assertThat(reloaded.activeProducers()).isEmpty();
    }

    @Test
    void snapshotsAreWrittenThroughAtomicFilesLeavingNoTempFile() throws IOException {
        snapshotsAt(5);

        try (var files = Files.list(logDir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                .isEqualTo(List.of("00000000000000000005.snapshot"));
        }
    }

    /** A manager fed one 5-record batch per 5 offsets, with a snapshot at each given offset (ascending). */
    private ProducerStateManager snapshotsAt(long... offsets) {
        ProducerStateManager manager = newManager();
        for (long offset : offsets) {
            while (manager.mapEndOffset() < offset) {
                long next = manager.mapEndOffset();
                append(manager, idempotent(PID, 0, (int) next, 5, next, 1));
            }
            manager.takeSnapshot(offset);
        }
        return manager;
    }

    private static ListAppender<ILoggingEvent> captureLog() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(ProducerStateManager.class)).addAppender(appender);
        return appender;
    }

    private static void releaseLog(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(ProducerStateManager.class)).detachAppender(appender);
    }

}
