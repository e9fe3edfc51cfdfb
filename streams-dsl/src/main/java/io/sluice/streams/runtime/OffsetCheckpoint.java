package io.sluice.streams.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's {@code .checkpoint} file: the changelog offset up to which each of its stores is on disk, so a restart
 * restores only the changelog's tail. Format (text, UTF-8, one item per line):
 * <pre>
 * 0                      version
 * 2                      number of entries
 * app-counts-changelog 3 1234     topic, partition, next offset to restore from (space separated)
 * app-other-changelog 3 17
 * </pre>
 * Topic names cannot contain spaces (Kafka's legal characters are {@code [a-zA-Z0-9._-]}), so a line splits
 * unambiguously.
 *
 * <p>Invariants: {@link #write} is atomic — a reader sees the previous content or the new one, never a mix, even
 * across a crash — because the content goes to a temporary sibling that is fsynced, renamed over the file, and the
 * directory fsynced. A file that cannot be parsed is reported with a warning naming it and read as absent, so the
 * task restores from the beginning of its changelogs rather than failing to start.
 *
 * <p>Threading: not synchronized; a task directory belongs to one stream thread at a time.
 */
public final class OffsetCheckpoint {
    private static final Logger LOG = LoggerFactory.getLogger(OffsetCheckpoint.class);
    public static final String FILE_NAME = ".checkpoint";
    private static final int VERSION = 0;

    private final Path file;

    public OffsetCheckpoint(Path file) {
        this.file = file;
    }

    /** The checkpoint file of the task directory {@code taskDir}. */
    public static OffsetCheckpoint in(Path taskDir) {
        return new OffsetCheckpoint(taskDir.resolve(FILE_NAME));
    }

    public Path file() {
        return file;
    }

    /**
     * Replaces the file's content with {@code offsets}, atomically and durably.
     *
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    public void write(Map<TopicPartition, Long> offsets) {
        StringBuilder text = new StringBuilder();
        text.append(VERSION).append('\n').append(offsets.size()).append('\n');
        offsets.forEach((partition, offset) -> text.append(partition.topic()).append(' ')
            .append(partition.partition()).append(' ').append(offset).append('\n'));
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            move(temp, file);
            fsyncDirectory(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the checkpoint file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The offsets in the file: empty when there is no file, and empty (with a warning naming the file and the
     * problem) when the file is corrupt.
     *
     * @throws UncheckedIOException naming the file when it exists but cannot be read
     */
    public Map<TopicPartition, Long> read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the checkpoint file " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(lines);
        } catch (IllegalArgumentException e) { // NumberFormatException included
            LOG.warn("Ignoring the corrupt checkpoint file {} ({}): its stores will be restored from the beginning "
                + "of their changelogs", file, e.getMessage());
            return Map.of();
        }
    }

    /** Removes the file, if present. */
    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the checkpoint file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<TopicPartition, Long> parse(List<String> lines) {
        if (lines.size() < 2) {
            throw new IllegalArgumentException("it has " + lines.size() + " lines, fewer than the version and count");
        }
        int version = Integer.parseInt(lines.get(0).trim());
        if (version != VERSION) {
            throw new IllegalArgumentException("unknown version " + version + ", expected " + VERSION);
        }
        int count = Integer.parseInt(lines.get(1).trim());
        if (count != lines.size() - 2) {
            throw new IllegalArgumentException("it announces " + count + " entries but has " + (lines.size() - 2));
        }
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        for (int i = 2; i < lines.size(); i++) {
            String[] parts = lines.get(i).trim().split(" ");
            if (parts.length != 3) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not 'topic partition offset': "
                    + lines.get(i));
            }
            int partition = Integer.parseInt(parts[1]);
            long offset = Long.parseLong(parts[2]);
            if (partition < 0 || offset < 0) {
                throw new IllegalArgumentException("line " + (i + 1) + " has a negative partition or offset: "
                    + lines.get(i));
            }
            offsets.put(new TopicPartition(parts[0], partition), offset);
        }
        return offsets;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system does not support atomic renames, so the checkpoint could be torn",
                e);
        }
    }

    /** Makes the rename durable: on Linux a rename is persisted only when its directory is synced. */
    private static void fsyncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory; the rename is still atomic, just not yet durable.
            LOG.debug("Cannot fsync directory {}: {}", directory, e.getMessage());
        }
    }
}
