package io.sluice.log.storage;

import java.util.Objects;

/**
 * One partition of a topic. Its log lives in a directory named {@link #dirName()}, {@code <topic>-<partition>}.
 *
 * @param topic non-empty topic name; may itself contain {@code '-'}
 * @param partition partition index, {@code >= 0}
 */
public record TopicPartition(String topic, int partition) {

    public TopicPartition {
        Objects.requireNonNull(topic, "topic");
        if (topic.isEmpty()) {
            throw new IllegalArgumentException("Topic name must not be empty (partition " + partition + ")");
        }
        if (partition < 0) {
            throw new IllegalArgumentException("Partition of topic '" + topic + "' must be >= 0, got " + partition);
        }
    }

    /** The name of this partition's log directory: {@code <topic>-<partition>}. */
    public String dirName() {
        return topic + "-" + partition;
    }

    /**
     * Parses a log directory name. The partition follows the <em>last</em> {@code '-'}, because topic names may
     * contain dashes ({@code my-topic-3} is partition 3 of {@code my-topic}).
     *
     * @throws IllegalArgumentException if the name has no topic before the last dash, or no decimal partition after it
     */
    public static TopicPartition fromDirName(String dirName) {
        int dash = dirName.lastIndexOf('-');
        if (dash <= 0) {
            throw new IllegalArgumentException("Log directory name '" + dirName
                + "' is not <topic>-<partition>: no topic before the last '-'");
        }
        String digits = dirName.substring(dash + 1);
        // Integer.parseInt alone would accept "+3"; a directory name must be plain decimal digits.
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("Log directory name '" + dirName
                + "' is not <topic>-<partition>: '" + digits + "' after the last '-' is not a partition number");
        }
        try {
            return new TopicPartition(dirName.substring(0, dash), Integer.parseInt(digits));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Log directory name '" + dirName + "' has partition number '"
                + digits + "' out of int range", e);
        }
    }

    /** The directory name form, as Kafka prints partitions in its logs. */
    @Override
    public String toString() {
        return dirName();
    }
}
