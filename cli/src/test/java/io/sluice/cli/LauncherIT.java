package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/sluice} as a user runs it: the first run records the class data archive from a complete training run,
 * later runs map it ({@code -Xshare:on} makes the JVM refuse to start if it cannot), and none of this shows on
 * standard output.
 */
class LauncherIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path ARCHIVE = ROOT.resolve("cli/target/sluice.jsa");

    @TempDir
    Path dir;

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private Run sluice(String name, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = ROOT.resolve("bin/sluice").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("SLUICE_JAVA_OPTS", "-Xshare:on");
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("bin/sluice %s finished", name).isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theFirstRunRecordsTheClassDataArchiveAndLaterRunsMapIt() throws Exception {
        Files.deleteIfExists(ARCHIVE);

        Run first = sluice("first", "--version");

        assertThat(first.exitCode()).as("stderr: %s", first.stderr()).isZero();
        assertThat(first.stdout()).isEqualTo("Sluice 0.1.0-SNAPSHOT\n");
        assertThat(first.stderr()).contains("recording a class data archive");
        assertThat(ARCHIVE).exists();
        assertThat(ROOT.resolve("cli/target")).isDirectoryNotContaining("glob:**.tmp");

        Run second = sluice("second", "topics", "--help");

        assertThat(second.exitCode()).as("stderr: %s", second.stderr()).isZero();
        assertThat(second.stdout()).startsWith("Usage: sluice topics");
        assertThat(second.stderr()).isEmpty();
    }
}
