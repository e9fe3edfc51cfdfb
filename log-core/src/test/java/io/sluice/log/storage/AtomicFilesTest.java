package io.sluice.log.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writeCreatesTheFileAndLeavesNoTempFileBehind() throws IOException {
        Path target = dir.resolve("checkpoint");

        AtomicFiles.write(target, "hello".getBytes(UTF_8));

        assertThat(target).hasContent("hello");
        assertThat(filesIn(dir)).containsExactly(target);
    }

    @Test
    void writeReplacesTheWholeOfAnExistingFile() throws IOException {
        Path target = dir.resolve("checkpoint");
        AtomicFiles.write(target, "a much longer old content".getBytes(UTF_8));

        AtomicFiles.write(target, "new".getBytes(UTF_8));

        assertThat(target).hasContent("new");
    }

    @Test
    void writeOverwritesATempFileLeftByACrash() throws IOException {
        Path target = dir.resolve("checkpoint");
        Files.writeString(dir.resolve("checkpoint" + AtomicFiles.TMP_SUFFIX), "garbage from before the crash");

        AtomicFiles.write(target, "new".getBytes(UTF_8));

        assertThat(target).hasContent("new");
        assertThat(filesIn(dir)).containsExactly(target);
    }

    @Test
    void failedWriteLeavesTheTargetUntouchedAndRemovesTheTempFile() throws IOException {
        // A non-empty directory as the target: the final rename fails after the temp file was written.
        Path target = Files.createDirectory(dir.resolve("checkpoint"));
        Files.writeString(target.resolve("inside"), "old");

        assertThatThrownBy(() -> AtomicFiles.write(target, "new".getBytes(UTF_8))).isInstanceOf(IOException.class);

        assertThat(target.resolve("inside")).hasContent("old");
        assertThat(filesIn(dir)).containsExactly(target);
    }

    private static List<Path> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
