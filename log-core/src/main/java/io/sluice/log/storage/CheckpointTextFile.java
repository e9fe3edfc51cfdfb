package io.sluice.log.storage;

import io.sluice.log.errors.CorruptCheckpointException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The text layout shared by every checkpoint file (Kafka's, so files stay readable by the same eye and tools):
 *
 * <pre>
 *   line 1      version, always 0
 *   line 2      entry count N, decimal
 *   lines 3..   N entry lines, fields separated by a space, e.g. "my-topic 3 1200" or "7 1200"
 * </pre>
 *
 * <p>Reading is strict: any deviation, including an empty file, a short file or lines after the N-th entry, is a
 * {@link CorruptCheckpointException} naming the file and line. Writing goes through {@link AtomicFiles}.
 * Not thread-safe; the owning class serializes access.
 *
 * @param <T> the entry type
 */
final class CheckpointTextFile<T> {
    static final int VERSION = 0;

    private static final Pattern FIELD_SEPARATOR = Pattern.compile("\\s+");

    /** How one entry maps to one line. */
    interface EntryFormat<T> {
        /** The fields of one entry, without a line separator. */
        String toLine(T entry);

        /**
         * The entry a line's fields describe.
         *
         * @throws IllegalArgumentException (including {@link NumberFormatException}) if the fields are not one entry;
         *     its message becomes the reported problem
         */
        T fromFields(String[] fields);
    }

    private final Path file;
    private final EntryFormat<T> format;

    CheckpointTextFile(Path file, EntryFormat<T> format) {
        this.file = file;
        this.format = format;
    }

    Path file() {
        return file;
    }

    void write(Collection<? extends T> entries) {
        StringBuilder text = new StringBuilder().append(VERSION).append('\n').append(entries.size()).append('\n');
        for (T entry : entries) {
            text.append(format.toLine(entry)).append('\n');
        }
        try {
            AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write checkpoint file " + file, e);
        }
    }

    /** The entries in file order; empty if the file does not exist. */
    List<T> read() {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read checkpoint file " + file, e);
        }
    }

    private List<T> parse(BufferedReader reader) throws IOException {
        String versionLine = reader.readLine();
        if (versionLine == null || !versionLine.equals(String.valueOf(VERSION))) {
            throw new CorruptCheckpointException(file, 1, "expected version " + VERSION + " but found "
                + quoted(versionLine));
        }
        String countLine = reader.readLine();
        int count = parseCount(countLine);
        List<T> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int lineNumber = i + 3;
            String line = reader.readLine();
            if (line == null) {
                throw new CorruptCheckpointException(file, lineNumber, "expected " + count
                    + " entries but the file ends after " + i);
            }
            try {
                entries.add(format.fromFields(FIELD_SEPARATOR.split(line, -1)));
            } catch (IllegalArgumentException e) {
                throw new CorruptCheckpointException(file, lineNumber, "entry " + quoted(line) + " is malformed: "
                    + e.getMessage());
            }
        }
        String extra = reader.readLine();
        if (extra != null) {
            throw new CorruptCheckpointException(file, count + 3, "expected end of file after " + count
                + " entries but found " + quoted(extra));
        }
        return entries;
    }

    private int parseCount(String countLine) {
        if (countLine != null) {
            try {
                int count = Integer.parseInt(countLine);
                if (count >= 0) {
                    return count;
                }
            } catch (NumberFormatException e) {
                // reported below, with the line that failed
            }
        }
        throw new CorruptCheckpointException(file, 2, "expected a non-negative entry count but found "
            + quoted(countLine));
    }

    /** Checks an entry line has exactly {@code expected} fields, naming them in the message. */
    static void requireFields(String[] fields, int expected, String layout) {
        if (fields.length != expected) {
            throw new IllegalArgumentException("expected " + expected + " fields '" + layout + "' but found "
                + fields.length);
        }
    }

    private static String quoted(String line) {
        return line == null ? "end of file" : "'" + line + "'";
    }
}
