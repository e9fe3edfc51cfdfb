package io.sluice.log.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.log.errors.CorruptCheckpointException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OffsetCheckpointFileTest {
    @TempDir
    Path dir;

    @Test
    void offsetsWrittenAreReadBack() {
        var file = new OffsetCheckpointFile(dir.resolve(OffsetCheckpointFile.RECOVERY_POINT_FILE_NAME));
        Map<TopicPartition, Long> offsets = Map.of(
            new TopicPartition("orders", 0), 1200L,
            new TopicPartition("orders", 1), 0L,
            new TopicPartition("my-topic", 7), Long.MAX_VALUE);

        file.write(offsets);

        assertThat(file.read()).isEqualTo(offsets);
    }

    @Test
    void fileUsesKafkasTextLayoutSortedByTopicThenPartition() throws IOException {
        var file = new OffsetCheckpointFile(dir.resolve("checkpoint"));

        file.write(Map.of(new TopicPartition("b", 0), 5L, new TopicPartition("a", 10), 7L,
            new TopicPartition("a", 2), 9L));

        assertThat(Files.readString(file.path())).isEqualTo("0\n3\na 2 9\na 10 7\nb 0 5\n");
    }

    @Test
    void emptyMapRoundTrips() {
        var file = new OffsetCheckpointFile(dir.resolve("checkpoint"));

        file.write(Map.of());

        assertThat(file.read()).isEmpty();
    }

    @Test
    void missingFileReadsAsEmpty() {
        var file = new OffsetCheckpointFile(dir.resolve("never-written"));

        assertThat(file.read()).isEmpty();
    }

    @Test
    void writeLeavesOnlyTheCheckpointFileInTheDirectory() throws IOException {
        var file = new OffsetCheckpointFile(dir.resolve("checkpoint"));

        file.write(Map.of(new TopicPartition("orders", 0), 1L));

        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file.path());
        }
    }

    @ParameterizedTest(name = "[{index}] line {0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "1 | \"\"",
        "1 | 1\\n0\\n",
        "1 | x\\n0\\n",
        "2 | 0\\n",
        "2 | 0\\nmany\\n",
        "2 | 0\\n-1\\n",
        "3 | 0\\n1\\n",
        "4 | 0\\n2\\norders 0 5\\n",
        "3 | 0\\n1\\norders 0\\n",
        "3 | 0\\n1\\norders 0 5 6\\n",
        "3 | 0\\n1\\norders x 5\\n",
        "3 | 0\\n1\\norders -1 5\\n",
        "3 | 0\\n1\\norders 0 five\\n",
        "3 | 0\\n1\\norders 0 -5\\n",
        "3 | 0\\n1\\norders 0 5 \\n",
        "4 | 0\\n1\\norders 0 5\\norders 1 6\\n",
        "4 | 0\\n1\\norders 0 5\\n\\n",
        "4 | 0\\n2\\norders 0 5\\norders 0 6\\n",
    })
    void malformedFileIsReportedWithItsPathAndLine(int line, String escapedContent) throws IOException {
        Path path = dir.resolve("checkpoint");
        Files.writeString(path, escapedContent.replace("\\n", "\n"));
        var file = new OffsetCheckpointFile(path);

        assertThatThrownBy(file::read)
            .isInstanceOf(CorruptCheckpointException.class)
            .hasMessageContaining(path.toString())
            .hasMessageContaining("line " + line + ":");
    }

    @Test
    void writeRejectsANegativeOffsetAndKeepsThePreviousFile() {
        var file = new OffsetCheckpointFile(dir.resolve("checkpoint"));
        file.write(Map.of(new TopicPartition("orders", 0), 3L));

        assertThatThrownBy(() -> file.write(Map.of(new TopicPartition("orders", 0), -1L)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");

        assertThat(file.read()).containsEntry(new TopicPartition("orders", 0), 3L);
    }
}
