package io.sluice.log.storage;

import io.sluice.log.errors.CorruptCheckpointException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A per-log-directory file of one offset per partition: the recovery point, the log start offset or the cleaner's
 * progress. Layout (Kafka's offset checkpoint, text, UTF-8, {@code \n}-terminated lines):
 *
 * <pre>
 *   0                       version
 *   2                       entry count
 *   orders 0 1200           &lt;topic&gt; &lt;partition&gt; &lt;offset&gt;
 *   my-topic 3 57
 * </pre>
 *
 * <p>Entries are written sorted by topic then partition, so equal maps give identical files. Offsets are
 * {@code >= 0} and each partition appears once; anything else read back is a {@link CorruptCheckpointException}.
 * Writes replace the file atomically ({@link AtomicFiles}).
 *
 * <p>Not thread-safe: the log manager that owns the directory serializes writes (one checkpointing thread).
 */
public final class OffsetCheckpointFile {
    public static final String RECOVERY_POINT_FILE_NAME = "recovery-point-offset-checkpoint";
    public static final String LOG_START_OFFSET_FILE_NAME = "log-start-offset-checkpoint";
    public static final String CLEANER_OFFSET_FILE_NAME = "cleaner-offset-checkpoint";

    private static final String LAYOUT = "<topic> <partition> <offset>";

    private final CheckpointTextFile<Map.Entry<TopicPartition, Long>> file;

    public OffsetCheckpointFile(Path file) {
        this.file = new CheckpointTextFile<>(file, new OffsetEntryFormat());
    }

    public Path path() {
        return file.file();
    }

    /**
     * Replaces the file with these offsets.
     *
     * @throws IllegalArgumentException if an offset is negative or a topic name contains whitespace (the file
     *     could not be read back)
     * @throws java.io.UncheckedIOException if the write fails; the previous file is then intact
     */
    public void write(Map<TopicPartition, Long> offsets) {
        List<Map.Entry<TopicPartition, Long>> sorted = offsets.entrySet().stream()
            .sorted(Map.Entry.comparingByKey(
                Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition)))
            .toList();
        file.write(sorted);
    }

    /**
     * The offsets in the file; empty if the file does not exist.
     *
     * @throws CorruptCheckpointException if the file is malformed
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public Map<TopicPartition, Long> read() {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        List<Map.Entry<TopicPartition, Long>> entries = file.read();
        for (int i = 0; i < entries.size(); i++) {
            Map.Entry<TopicPartition, Long> entry = entries.get(i);
            if (offsets.putIfAbsent(entry.getKey(), entry.getValue()) != null) {
                // Our writer never repeats a partition, so a repeat means the file is not what we wrote.
                throw new CorruptCheckpointException(path(), i + 3, "partition " + entry.getKey()
                    + " appears more than once");
            }
        }
        return offsets;
    }

    private static final class OffsetEntryFormat
        implements CheckpointTextFile.EntryFormat<Map.Entry<TopicPartition, Long>> {
        @Override
        public String toLine(Map.Entry<TopicPartition, Long> entry) {
            TopicPartition partition = entry.getKey();
            long offset = entry.getValue();
            if (partition.topic().chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("Topic name '" + partition.topic()
                    + "' contains whitespace and cannot be checkpointed");
            }
            checkOffset(offset);
            return partition.topic() + " " + partition.partition() + " " + offset;
        }

        @Override
        public Map.Entry<TopicPartition, Long> fromFields(String[] fields) {
            CheckpointTextFile.requireFields(fields, 3, LAYOUT);
            TopicPartition partition = new TopicPartition(fields[0], Integer.parseInt(fields[1]));
            return Map.entry(partition, checkOffset(Long.parseLong(fields[2])));
        }

        private static long checkOffset(long offset) {
            if (offset < 0) {
                throw new IllegalArgumentException("offset must be >= 0, got " + offset);
            }
            return offset;
        }
    }
}
