package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/sluice demo} as a user runs it, in its own JVM: a short run to completion (summary and output file),
 * and a long run stopped by a signal as Ctrl-C would (clean close, summary still printed). The pipeline's counts
 * are checked record by record in examples' ClickstreamPipelineIT; here the command's own job is checked.
 */
class DemoCommandIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private Process sluice(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/sluice").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
            .redirectOutput(dir.resolve(name + ".out").toFile())
            .redirectError(dir.resolve(name + ".err").toFile());
        // The class data archive is LauncherIT's business; recording one here would only slow this test down.
        builder.environment().put("SLUICE_CDS", "off");
        return builder.start();
    }

    private String read(String file) throws IOException {
        return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
    }

    /** Polls {@code file} until {@code pattern} occurs in it; fails when the process exits or the timeout passes. */
    private void awaitMatches(String file, Pattern pattern, Process process) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!pattern.matcher(read(file)).find()) {
            assertThat(process.isAlive()).as("%s still running (stderr: %s)", process, read(file)).isTrue();
            assertThat(System.nanoTime()).as("%s shows '%s' within %s", file, pattern, TIMEOUT).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    @Test
    void runsThePipelineToCompletionAndPrintsTheSummaryWithTheOutputFile() throws Exception {
        Path dataDir = dir.resolve("demo");

        Process demo = sluice("run", "demo", "--records", "6000", "--users", "100", "--data-dir", dataDir.toString());

        assertThat(demo.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("demo finished").isTrue();
        String out = read("run.out");
        assertThat(demo.exitValue()).as("stdout: %s%nstderr: %s", out, read("run.err")).isZero();
        Path output = dataDir.resolve("page-views-per-region.jsonl").toAbsolutePath();
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertThat(lines).isNotEmpty().allMatch(line -> line.matches(
            "\\{\"region\":\"[A-Za-z-]+\",\"window_start\":\"[^\"]+\",\"window_end\":\"[^\"]+\",\"page_views\":\\d+}"));
        assertThat(out)
            .contains("Summary: all 6,000 clicks processed after ")
            .contains("  datagen      100 users -> topic users, 6,000 clicks -> topic clicks")
            .containsPattern("streams app  6,000 clicks in, [\\d,]+ bots dropped, [\\d,]+ enriched \\(0 of unknown "
                + "users\\), " + String.format(Locale.ROOT, "%,d", lines.size()) + " window counts out")
            .contains(String.format(Locale.ROOT, "  file sink    %,d lines written", lines.size()))
            .contains("Output: " + output)
            .contains("  " + lines.get(0));
    }

    @Test
    void aSignalStopsTheDemoCleanlyAndTheSummaryIsStillPrinted() throws Exception {
        Path dataDir = dir.resolve("demo");
        Process demo = sluice("stopped", "demo", "--records", "100000000", "--rate", "2000", "--users", "100",
            "--data-dir", dataDir.toString());
        awaitMatches("stopped.err", Pattern.compile("app in [1-9]"), demo);

        demo.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C (SIGINT)

        assertThat(demo.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("demo exited").isTrue();
        assertThat(read("stopped.out"))
            .contains("Summary: stopped early after ")
            .containsPattern("datagen      100 users -> topic users, [\\d,]+ clicks -> topic clicks")
            .contains("Output: " + dataDir.resolve("page-views-per-region.jsonl").toAbsolutePath());
        assertThat(read("stopped.err")).doesNotContain("Exception").contains("Connect REST API: http://localhost:");
    }
}
