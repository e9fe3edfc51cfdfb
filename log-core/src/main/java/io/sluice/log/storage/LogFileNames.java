package io.sluice.log.storage;

import java.nio.file.Path;

/**
 * File names in a partition directory. Every per-segment file is {@code <20-digit zero-padded base offset>}
 * plus a suffix, so a directory listing sorts by offset. Suffixes mark a file's state:
 * {@code .deleted} (waiting for its delay before removal), {@code .cleaned} (compaction output being written),
 * {@code .swap} (compaction output complete, replacing the segments it covers).
 */
final class LogFileNames {
    static final String LOG = ".log";
    static final String INDEX = ".index";
    static final String TIME_INDEX = ".timeindex";
    static final String DELETED = ".deleted";
    static final String CLEANED = ".cleaned";
    static final String SWAP = ".swap";

    private LogFileNames() {
    }

    static String prefix(long offset) {
        return String.format(java.util.Locale.ROOT, "%020d", offset);
    }

    static Path logFile(Path dir, long baseOffset) {
        return dir.resolve(prefix(baseOffset) + LOG);
    }

    static Path indexFile(Path dir, long baseOffset) {
        return dir.resolve(prefix(baseOffset) + INDEX);
    }

    static Path timeIndexFile(Path dir, long baseOffset) {
        return dir.resolve(prefix(baseOffset) + TIME_INDEX);
    }

    /** The base offset encoded in a file name, or -1 when the name is not a segment file. */
    static long baseOffsetOf(String fileName) {
        int dot = fileName.indexOf('.');
        if (dot != 20) {
            return -1;
        }
        try {
            return Long.parseLong(fileName.substring(0, 20));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
