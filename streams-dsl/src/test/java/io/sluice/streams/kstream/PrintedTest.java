package io.sluice.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.streams.errors.TopologyException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrintedTest {
    @TempDir
    Path dir;

    @Test
    void printsLabelledLinesToAFileInUtf8() throws Exception {
        Path file = dir.resolve("out.txt");
        Printed<String, Integer> printed = Printed.<String, Integer>toFile(file.toString()).withLabel("counts");

        try (PrintStream out = printed.open()) {
            out.println(printed.line("KSTREAM-PRINTER-0", "größe", 3));
            out.println(printed.line("KSTREAM-PRINTER-0", null, null));
        }

        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8))
            .containsExactly("[counts]: größe, 3", "[counts]: null, null");
    }

    @Test
    void theLabelDefaultsToTheProcessorNameAndTheMapperCanBeReplaced() {
        Printed<String, Integer> printed = Printed.<String, Integer>toSysOut()
            .withKeyValueMapper((key, value) -> key + "=" + value);

        assertThat(printed.label()).isNull();
        assertThat(printed.filePathOrNull()).isNull();
        assertThat(printed.line("KSTREAM-PRINTER-7", "a", 1)).isEqualTo("[KSTREAM-PRINTER-7]: a=1");
        assertThat(printed.mapper().apply("b", 2)).isEqualTo("b=2");
    }

    @Test
    void closingTheStdoutStreamLeavesSystemOutOpen() {
        PrintStream stdout = System.out;

        Printed.toSysOut().open().close();

        assertThat(System.out).isSameAs(stdout);
        assertThat(stdout.checkError()).isFalse();
    }

    @Test
    void rejectsBlankPathsDirectoriesAndMissingParents() {
        assertThatThrownBy(() -> Printed.toFile(" ")).isInstanceOf(TopologyException.class);
        assertThatThrownBy(() -> Printed.toFile(dir.toString()))
            .isInstanceOf(TopologyException.class).hasMessageContaining("is a directory");
        assertThatThrownBy(() -> Printed.toFile(dir.resolve("missing/out.txt").toString()))
            .isInstanceOf(TopologyException.class).hasMessageContaining("does not exist");
    }
}
