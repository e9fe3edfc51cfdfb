package io.sluice.benchmarks.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Fresh state directories under the OS temp dir ({@code java.io.tmpdir}), one per trial, deleted afterwards. */
public final class StateDirs {
    private StateDirs() {
    }

    public static Path create(String benchmark) {
        try {
            return Files.createTempDirectory("sluice-streams-bench-" + benchmark + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
