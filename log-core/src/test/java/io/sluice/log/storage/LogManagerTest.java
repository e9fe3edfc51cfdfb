package io.sluice.log.storage;

import static io.sluice.log.storage.LogFixture.batch;
import static io.sluice.log.storage.LogFixture.readValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.log.errors.StorageException;
import io.sluice.log.util.MockTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogManagerTest {
    @TempDir
    Path dataDir;
    final MockTime time = new MockTime();

    private LogManager open() {
        return new LogManager(LogManagerConfig.forDir(dataDir), time, topic -> LogConfig.defaults());
    }

    @Test
    void opensManyPartitionsBackAfterACleanCloseWithoutRecovery() throws Exception {
        try (LogManager manager = open()) {
            for (int p = 0; p < 8; p++) {
                PartitionLog log = manager.getOrCreateLog(new TopicPartition("events", p));
                log.appendAsLeader(batch("p" + p), 0, AppendOrigin.CLIENT).durable().get();
            }
        }
        assertThat(dataDir.resolve(LogManager.CLEAN_SHUTDOWN_FILE)).exists();

        try (LogManager reopened = open(); LogCapture capture = new LogCapture()) {
            assertThat(reopened.logs()).hasSize(8);
            assertThat(readValues(reopened.getLog(new TopicPartition("events", 5)).orElseThrow(), 0))
                .containsExactly("0:p5");
            assertThat(dataDir.resolve(LogManager.CLEAN_SHUTDOWN_FILE)).doesNotExist();
            assertThat(capture.warnings()).isEmpty();
        }
    }

    @Test
    void checkpointsRecordRecoveryPointsAndLogStartOffsets() throws Exception {
        TopicPartition tp = new TopicPartition("events", 0);
        try (LogManager manager = open()) {
            PartitionLog log = manager.getOrCreateLog(tp);
            for (int i = 0; i < 5; i++) {
                log.appendAsLeader(batch("v" + i), 0, AppendOrigin.CLIENT).durable().get();
            }
            log.deleteRecordsBefore(2);

            manager.checkpoint();

            assertThat(new OffsetCheckpointFile(dataDir.resolve(OffsetCheckpointFile.RECOVERY_POINT_FILE_NAME)).read())
                .isEqualTo(Map.of(tp, 5L));
            assertThat(new OffsetCheckpointFile(dataDir.resolve(OffsetCheckpointFile.LOG_START_OFFSET_FILE_NAME)).read())
                .isEqualTo(Map.of(tp, 2L));
        }
        try (LogManager reopened = open()) {
            assertThat(reopened.getLog(tp).orElseThrow().logStartOffset()).isEqualTo(2);
        }
    }

    @Test
    void aDataDirectoryCannotBeOpenedTwice() {
        try (LogManager first = open()) {
            assertThat(first.logs()).isEmpty();
            assertThatThrownBy(this::open).isInstanceOf(StorageException.class)
                .hasMessageContaining(dataDir.toString()).hasMessageContaining("already open");
        }
    }

    @Test
    void deletingALogRemovesItsDirectoryAndItStaysGoneAfterRestart() throws Exception {
        TopicPartition tp = new TopicPartition("doomed", 0);
        try (LogManager manager = open()) {
            manager.getOrCreateLog(tp).appendAsLeader(batch("x"), 0, AppendOrigin.CLIENT).durable().get();

            manager.deleteLog(tp);

            assertThat(manager.getLog(tp)).isEmpty();
            assertThat(dataDir.resolve(tp.dirName())).doesNotExist();
        }
        try (LogManager reopened = open()) {
            assertThat(reopened.getLog(tp)).isEmpty();
            try (var children = Files.list(dataDir)) {
                assertThat(children.map(path -> path.getFileName().toString())).noneMatch(name -> name.contains("doomed"));
            }
        }
    }

    @Test
    void aCorruptRecoveryCheckpointIsIgnoredAndTheLogsAreRecovered() throws Exception {
        TopicPartition tp = new TopicPartition("events", 0);
        try (LogManager manager = open()) {
            manager.getOrCreateLog(tp).appendAsLeader(batch("a", "b"), 0, AppendOrigin.CLIENT).durable().get();
        }
        Files.writeString(dataDir.resolve(OffsetCheckpointFile.RECOVERY_POINT_FILE_NAME), "0\n7\nbroken\n");

        try (LogCapture capture = new LogCapture(); LogManager reopened = open()) {
            assertThat(readValues(reopened.getLog(tp).orElseThrow(), 0)).containsExactly("0:a", "1:b");
            assertThat(capture.warnings()).anySatisfy(message -> assertThat(message)
                .contains(OffsetCheckpointFile.RECOVERY_POINT_FILE_NAME));
        }
    }

    @Test
    void withoutTheCleanShutdownMarkerLogsAreRecovered() throws Exception {
        TopicPartition tp = new TopicPartition("events", 0);
        try (LogManager manager = open()) {
            manager.getOrCreateLog(tp).appendAsLeader(batch("a"), 0, AppendOrigin.CLIENT).durable().get();
        }
        Files.delete(dataDir.resolve(LogManager.CLEAN_SHUTDOWN_FILE));

        try (LogCapture capture = new LogCapture(); LogManager reopened = open()) {
            assertThat(reopened.getLog(tp).orElseThrow().logEndOffset()).isEqualTo(1);
            assertThat(capture.warnings()).anySatisfy(message -> assertThat(message).contains("not shut down cleanly"));
        }
    }
}
