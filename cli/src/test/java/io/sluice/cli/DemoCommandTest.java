package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    @TempDir
    Path dataDir;

    @Test
    void rejectsNonsenseArgumentsWithAUsageErrorBeforeStartingAnything() {
        Cli.Result result = Cli.run("demo", "--data-dir", dataDir.resolve("demo").toString(), "--records", "0");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("sluice: Clickstream clicks must be at least 1, got 0\n");
        assertThat(result.out()).isEmpty();
        assertThat(dataDir.resolve("demo")).doesNotExist();
    }

    @Test
    void helpDescribesTheClickstreamPipelineAndItsOptions() {
        Cli.Result result = Cli.run("demo", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("clickstream", "--records", "--data-dir", "--seed", "--rate", "--users");
    }
}
