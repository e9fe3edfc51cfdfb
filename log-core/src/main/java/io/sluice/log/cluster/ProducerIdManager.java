package io.sluice.log.cluster;

import io.sluice.log.errors.StorageException;
import io.sluice.log.storage.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hands out producer ids for idempotent producers, never the same one twice, across restarts and crashes.
 * Ids are reserved in blocks: before the first id of a block is handed out, the start of the next block is
 * written durably to {@code producer-id-block}; after a crash the unused rest of a block is simply skipped.
 *
 * <p>Thread-safe ({@code synchronized}; one fsync per {@value #BLOCK_SIZE} ids).
 */
public final class ProducerIdManager {
    static final int BLOCK_SIZE = 1000;
    public static final String FILE_NAME = "producer-id-block";

    private final Path file;
    private long next;
    private long blockEnd;

    public ProducerIdManager(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
        try {
            long reserved = Files.exists(file) ? Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim()) : 0L;
            this.next = reserved;
            this.blockEnd = reserved;
        } catch (IOException | NumberFormatException e) {
            throw new StorageException("Cannot read " + file + " (the next free producer id block): " + e.getMessage(), e);
        }
    }

    public synchronized long nextProducerId() {
        if (next >= blockEnd) {
            long newEnd = next + BLOCK_SIZE;
            try {
                AtomicFiles.write(file, Long.toString(newEnd).getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new StorageException("Cannot reserve producer ids in " + file + ": " + e.getMessage(), e);
            }
            blockEnd = newEnd;
        }
        return next++;
    }
}
