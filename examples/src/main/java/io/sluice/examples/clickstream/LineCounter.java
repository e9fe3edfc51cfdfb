package io.sluice.examples.clickstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Counts the complete lines of a file that only grows (a sink's output), reading each byte once: every call reads
 * what was appended since the previous one. A file that does not exist yet has 0 lines.
 *
 * <p>Threading: safe for concurrent callers (calls are serialised).
 */
final class LineCounter {
    private final Path file;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private long position;
    private long lines;

    LineCounter(Path file) {
        this.file = file;
    }

    synchronized long count() {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            int read;
            while ((read = channel.read(buffer.clear(), position)) > 0) {
                position += read;
                for (int i = 0; i < read; i++) {
                    if (buffer.get(i) == '\n') {
                        lines++;
                    }
                }
            }
            return lines;
        } catch (NoSuchFileException e) {
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the pipeline's output file " + file, e);
        }
    }
}
