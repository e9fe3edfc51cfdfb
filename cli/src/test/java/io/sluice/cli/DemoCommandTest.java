package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {
    @TempDir
    Path dataDir;

    private int run(StringWriter output, String... args) {
        return new CommandLine(new SluiceCommand()).setOut(new PrintWriter(output, true)).execute(args);
    }

    @Test
    void theDemoAppendsReadsBackReopensAndVerifiesEveryRecord() {
        StringWriter output = new StringWriter();

        int exit = run(output, "demo", "--data-dir", dataDir.toString(), "--records", "16000", "--threads", "4");

        assertThat(exit).isZero();
        assertThat(output.toString())
            .contains("read back  16,000 records")
            .contains("16,000 records verified again")
            .contains("Summary: 16,000 records")
            .contains(dataDir.resolve("demo-0").toAbsolutePath().toString());
    }

    @Test
    void rejectsNonsenseArgumentsWithAUsageError() {
        StringWriter output = new StringWriter();

        int exit = run(output, "demo", "--data-dir", dataDir.toString(), "--records", "3");

        assertThat(exit).isEqualTo(2);
        assertThat(output.toString()).contains("--records must be at least 16");
    }

    @Test
    void helpListsTheDemo() {
        StringWriter output = new StringWriter();

        int exit = run(output, "--help");

        assertThat(exit).isZero();
        assertThat(output.toString()).contains("demo");
    }
}
