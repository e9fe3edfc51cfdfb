package io.sluice.connect.file;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connect.testkit.InMemoryOffsetStore;
import io.sluice.connect.testkit.SourceTaskHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTaskTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final InMemoryOffsetStore offsets = new InMemoryOffsetStore();

    @Test
    void shouldEmitLinesAppendedToATailedFile() throws IOException {
        Path file = dir.resolve("app.log");
        append(file, "first\nsecond\n");
        try (SourceTaskHarness task = start(Map.of("file", file.toString()))) {
            assertThat(values(task.pollAtLeast(2, TIMEOUT))).containsExactly("first", "second");

            append(file, "third\n");

            List<SourceRecord> appended = task.pollAtLeast(1, TIMEOUT);
            assertThat(values(appended)).containsExactly("third");
            SourceRecord record = appended.get(0);
            assertThat(record.topic()).isEqualTo("lines");
            assertThat(record.sourcePartition()).isEqualTo(Map.of("filename", file.toAbsolutePath().toString()));
            assertThat(record.sourceOffset()).isEqualTo(Map.of("position", 19L, "line", 3L));
            assertThat(record.key()).isNull();
            assertThat(record.valueSchema()).isEqualTo(Schema.STRING_SCHEMA);
        }
    }

    @Test
    void shouldHoldBackAPartialLineUntilItsNewlineArrives() throws IOException {
        Path file = dir.resolve("app.log");
        append(file, "whole\nhal");
        try (SourceTaskHarness task = start(Map.of("file", file.toString()))) {
            assertThat(values(task.pollAtLeast(1, TIMEOUT))).containsExactly("whole");
            assertThat(task.poll()).isEmpty();

            append(file, "f-done\r\n");

            List<SourceRecord> completed = task.pollAtLeast(1, TIMEOUT);
            assertThat(values(completed)).containsExactly("half-done");
            assertThat(completed.get(0).sourceOffset()).isEqualTo(Map.of("position", 17L, "line", 2L));
        }
    }

    @Test
    void shouldResumeAfterARestartWithoutLosingOrRepeatingALine() throws IOException {
        Path file = dir.resolve("app.log");
        append(file, "l1\nl2\nl3\nl4\nl5\n");
        Map<String, String> config = Map.of("file", file.toString(), "batch.size", "2");
        try (SourceTaskHarness task = start(config)) {
            assertThat(values(task.pollAtLeast(5, TIMEOUT))).containsExactly("l1", "l2", "l3", "l4", "l5");
        }
        append(file, "l6\nl7\npartial");

        try (SourceTaskHarness restarted = start(config)) {
            assertThat(values(restarted.pollAtLeast(2, TIMEOUT))).containsExactly("l6", "l7");
            assertThat(restarted.poll()).isEmpty();
        }
        assertThat(offsets.offset(Map.of("filename", file.toAbsolutePath().toString())))
            .isEqualTo(Map.of("position", 21L, "line", 7L));
    }

    @Test
    void shouldPickUpFilesThatStartMatchingTheGlobLater() throws IOException {
        append(dir.resolve("a.log"), "a1\n");
        Files.createDirectories(dir.resolve("sub"));
        try (SourceTaskHarness task = start(Map.of("files", dir + "/*.log"))) {
            assertThat(values(task.pollAtLeast(1, TIMEOUT))).containsExactly("a1");

            append(dir.resolve("b.log"), "b1\nb2\n");
            append(dir.resolve("c.txt"), "not matched\n");
            append(dir.resolve("sub/d.log"), "too deep\n");

            List<SourceRecord> fromNewFile = task.pollAtLeast(2, TIMEOUT);
            assertThat(values(fromNewFile)).containsExactly("b1", "b2");
            assertThat(fromNewFile).allSatisfy(record -> assertThat(record.sourcePartition())
                .isEqualTo(Map.of("filename", dir.resolve("b.log").toAbsolutePath().toString())));
            assertThat(task.poll()).isEmpty();
        }
    }

    @Test
    void shouldFollowAGlobAcrossDirectoriesWithDoubleStar() throws IOException {
        append(dir.resolve("x/y/deep.log"), "deep\n");
        try (SourceTaskHarness task = start(Map.of("files", dir + "/**.log"))) {
            assertThat(values(task.pollAtLeast(1, TIMEOUT))).containsExactly("deep");
        }
    }

    @Test
    void shouldRestartATruncatedFileFromTheBeginning() throws IOException {
        Path file = dir.resolve("app.log");
        append(file, "old line one\nold line two\n");
        try (SourceTaskHarness task = start(Map.of("file", file.toString()))) {
            task.pollAtLeast(2, TIMEOUT);

            Files.writeString(file, "new\n", UTF_8, StandardOpenOption.TRUNCATE_EXISTING);

            List<SourceRecord> afterTruncation = task.pollAtLeast(1, TIMEOUT);
            assertThat(values(afterTruncation)).containsExactly("new");
            assertThat(afterTruncation.get(0).sourceOffset()).isEqualTo(Map.of("position", 4L, "line", 1L));
        }
    }

    @Test
    void shouldReadARotatedFileFromTheBeginning() throws IOException {
        Path file = dir.resolve("app.log");
        append(file, "before rotation\n");
        try (SourceTaskHarness task = start(Map.of("file", file.toString()))) {
            task.pollAtLeast(1, TIMEOUT);

            Files.move(file, dir.resolve("app.log.1"));
            append(file, "after rotation, a longer first line\n");

            assertThat(values(task.pollAtLeast(1, TIMEOUT))).containsExactly("after rotation, a longer first line");
        }
    }

    @Test
    void shouldCountBytesNotCharactersInTheConfiguredEncoding() throws IOException {
        Path file = dir.resolve("latin1.txt");
        Files.write(file, "café\nnaïve\n".getBytes(ISO_8859_1));
        try (SourceTaskHarness task = start(Map.of("file", file.toString(), "encoding", "ISO-8859-1"))) {
            List<SourceRecord> records = task.pollAtLeast(2, TIMEOUT);
            assertThat(values(records)).containsExactly("café", "naïve");
            assertThat(records.get(1).sourceOffset()).isEqualTo(Map.of("position", 11L, "line", 2L));
        }
        Path utf8 = dir.resolve("utf8.txt");
        append(utf8, "café\n");
        try (SourceTaskHarness task = start(Map.of("file", utf8.toString()))) {
            assertThat(task.pollAtLeast(1, TIMEOUT).get(0).sourceOffset()).isEqualTo(Map.of("position", 6L, "line", 1L));
        }
    }

    @Test
    void shouldKeyRecordsByFilenameWhenAsked() throws IOException {
        Path file = dir.resolve("keyed.log");
        append(file, "x\n");
        try (SourceTaskHarness task = start(Map.of("file", file.toString(), "key.mode", "filename"))) {
            SourceRecord record = task.pollAtLeast(1, TIMEOUT).get(0);
            assertThat(record.key()).isEqualTo(file.toAbsolutePath().toString());
            assertThat(record.keySchema()).isEqualTo(Schema.STRING_SCHEMA);
        }
    }

    @Test
    void shouldSpreadTheMatchingFilesOverTasksWithoutOverlap() throws IOException {
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < 12; i++) {
            append(dir.resolve("f" + i + ".log"), "line of f" + i + "\n");
            expected.add("line of f" + i);
        }
        FileSourceConnector connector = new FileSourceConnector();
        connector.start(config(Map.of("files", dir + "/*.log")));
        List<Map<String, String>> taskConfigs = connector.taskConfigs(3);
        assertThat(taskConfigs).hasSize(3);

        List<String> all = new ArrayList<>();
        List<Integer> perTask = new ArrayList<>();
        for (Map<String, String> taskConfig : taskConfigs) {
            try (SourceTaskHarness task = SourceTaskHarness.start(new FileSourceTask(), taskConfig, offsets)) {
                List<String> lines = new ArrayList<>();
                List<SourceRecord> polled;
                do {
                    polled = task.poll();
                    lines.addAll(values(polled));
                } while (!polled.isEmpty());
                perTask.add(lines.size());
                all.addAll(lines);
            }
        }
        assertThat(all).hasSize(12);
        assertThat(new TreeSet<>(all)).isEqualTo(expected);
        assertThat(perTask).allSatisfy(count -> assertThat(count).isPositive());
    }

    private SourceTaskHarness start(Map<String, String> overrides) {
        return SourceTaskHarness.start(new FileSourceTask(), config(overrides), offsets);
    }

    private static Map<String, String> config(Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(Map.of("topic", "lines", "poll.interval.ms", "5"));
        config.putAll(overrides);
        return config;
    }

    private static List<String> values(List<SourceRecord> records) {
        return records.stream().map(record -> (String) record.value()).toList();
    }

    private static void append(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
