package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sluice ...} run as a real child JVM on this test's class path: its stdout lines as they arrive, its stderr in a
 * file, and a clean stop with SIGTERM, as an operator would run and stop it.
 */
final class ChildJvm {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final Thread stdoutReader;
    private final Path stderr;

    private ChildJvm(Process process, Path stderr, String name) {
        this.process = process;
        this.stderr = stderr;
        this.stdoutReader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    stdout.add(line);
                }
            } catch (IOException e) {
                stdout.add("(stdout read failed: " + e + ")");
            }
        }, "child-stdout-" + name);
        stdoutReader.setDaemon(true);
        stdoutReader.start();
    }

    /** Starts {@code sluice <args>}; its stderr goes to {@code <dir>/<name>.stderr}. */
    static ChildJvm start(Path dir, String name, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
            SluiceCommand.class.getName()));
        command.addAll(List.of(args));
        Path stderr = dir.resolve(name + ".stderr");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        return new ChildJvm(process, stderr, name);
    }

    /** Waits for a stdout line matching {@code line}, or fails with everything the child printed. */
    Matcher awaitLine(Pattern line) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String next = stdout.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            seen.add(next);
            Matcher matcher = line.matcher(next);
            if (matcher.matches()) {
                return matcher;
            }
        }
        throw new AssertionError("No line matching " + line + " within " + START_TIMEOUT + "; stdout " + seen
            + ", stderr " + stderr());
    }

    /**
     * SIGTERM through the process handle ({@link Process#destroy()} would also close our end of its stdout), then waits
     * for the exit and for the last stdout lines.
     *
     * @return the exit status
     */
    int stopWithSigterm() throws InterruptedException {
        assertThat(process.toHandle().destroy()).isTrue();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child exits after SIGTERM").isTrue();
        stdoutReader.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    /** Every stdout line so far, including those {@link #awaitLine} consumed. */
    List<String> stdout() {
        List<String> all = new ArrayList<>(seen);
        stdout.drainTo(all);
        seen.clear();
        seen.addAll(all);
        return all;
    }

    String stderr() throws IOException {
        return Files.readString(stderr);
    }

    void kill() {
        process.destroyForcibly();
    }
}
