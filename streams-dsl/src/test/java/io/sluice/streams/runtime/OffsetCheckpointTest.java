package io.sluice.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

class OffsetCheckpointTest {
    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(OffsetCheckpoint.class);

    @BeforeEach
    void captureLog() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(logged);
    }

    @Test
    void writtenOffsetsReadBackInTheDocumentedTextFormat() throws Exception {
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        offsets.put(new TopicPartition("app-counts-changelog", 3), 1234L);
        offsets.put(new TopicPartition("app-other.store_x-changelog", 0), 0L);
        OffsetCheckpoint checkpoint = OffsetCheckpoint.in(dir);

        checkpoint.write(offsets);

        assertThat(checkpoint.file()).isEqualTo(dir.resolve(".checkpoint"));
        assertThat(checkpoint.read()).isEqualTo(offsets);
        assertThat(Files.readString(checkpoint.file()))
            .isEqualTo("0\n2\napp-counts-changelog 3 1234\napp-other.store_x-changelog 0 0\n");
    }

    @Test
    void anAbsentFileAndAnEmptyCheckpointReadAsNoOffsets() {
        OffsetCheckpoint checkpoint = OffsetCheckpoint.in(dir);
        assertThat(checkpoint.read()).isEmpty();

        checkpoint.write(Map.of());

        assertThat(checkpoint.file()).exists();
        assertThat(checkpoint.read()).isEmpty();
        assertThat(logged.list).isEmpty();
    }

    @Test
    void aRewriteReplacesTheContentAndLeavesNoTemporaryFile() {
        OffsetCheckpoint checkpoint = OffsetCheckpoint.in(dir);
        checkpoint.write(Map.of(new TopicPartition("a", 0), 5L, new TopicPartition("b", 1), 7L));

        checkpoint.write(Map.of(new TopicPartition("a", 0), 9L));

        assertThat(checkpoint.read()).isEqualTo(Map.of(new TopicPartition("a", 0), 9L));
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void aFailedWriteLeavesThePreviousCheckpointIntact() throws Exception {
        OffsetCheckpoint checkpoint = OffsetCheckpoint.in(dir);
        Map<TopicPartition, Long> previous = Map.of(new TopicPartition("a", 0), 5L);
        checkpoint.write(previous);
        // A non-empty directory where the temporary file goes: the write fails before touching the checkpoint.
        Files.createDirectories(dir.resolve(".checkpoint.tmp").resolve("blocker"));

        assertThatThrownBy(() -> checkpoint.write(Map.of(new TopicPartition("a", 0), 99L)))
            .isInstanceOf(UncheckedIOException.class)
            .hasMessageContaining(checkpoint.file().toString());

        assertThat(checkpoint.read()).isEqualTo(previous);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "0\n", "garbage\n1\na 0 1\n", "1\n1\na 0 1\n", "0\n2\na 0 1\n", "0\n1\na 0\n", "0\n1\na x 1\n",
        "0\n1\na 0 -4\n", "0\n1\na 0 1 2\n"})
    void aCorruptFileReadsAsAbsentWithAWarningNamingIt(String content) throws Exception {
        OffsetCheckpoint checkpoint = OffsetCheckpoint.in(dir);
        Files.writeString(checkpoint.file(), content, StandardCharsets.UTF_8);

        assertThat(checkpoint.read()).isEmpty();

        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains(checkpoint.file().toString(), "corrupt");
        });
    }

    @Test
    void deleteRemovesTheFileAndToleratesItsAbsence() {
        OffsetCheckpoint checkpoint = OffsetCheckpoint.in(dir);
        checkpoint.write(Map.of(new TopicPartition("a", 0), 1L));

        checkpoint.delete();
        checkpoint.delete();

        assertThat(checkpoint.file()).doesNotExist();
    }
}
