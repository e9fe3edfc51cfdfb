package io.sluice.log.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Replaces a small file atomically and durably, so a crash leaves either the old content or the new, never a
 * mix or an empty file. Every checkpoint and producer-state snapshot is written through here.
 *
 * <p>Steps: write {@code <name>.tmp} next to the target, {@code fsync} it, rename it over the target with an
 * atomic move, then {@code fsync} the parent directory so the rename itself survives a power loss. A {@code .tmp}
 * file found after a crash is garbage and is overwritten by the next write.
 *
 * <p>Stateless and thread-safe, but two concurrent writers of the <em>same</em> target would share one temp file:
 * each target must have a single writer.
 */
public final class AtomicFiles {
    static final String TMP_SUFFIX = ".tmp";

    // POSIX lets us fsync a directory; Windows refuses to open one for that and orders renames itself.
    private static final boolean CAN_FSYNC_DIRECTORY =
        !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private AtomicFiles() {
    }

    /**
     * Atomically replaces (or creates) {@code target} with {@code content}. On failure the target is untouched and
     * the temp file is removed.
     */
    public static void write(Path target, byte[] content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + TMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        fsyncDirectory(target.toAbsolutePath().getParent());
    }

    private static void fsyncDirectory(Path directory) throws IOException {
        if (CAN_FSYNC_DIRECTORY) {
            try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                channel.force(true);
            }
        }
    }
}
