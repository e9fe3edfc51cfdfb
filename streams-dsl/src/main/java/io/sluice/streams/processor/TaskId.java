package io.sluice.streams.processor;

import io.sluice.streams.errors.TaskIdFormatException;

/**
 * Identifies a stream task: the sub-topology it runs and the input partition it processes. Printed and parsed as
 * {@code <subtopology>_<partition>} (e.g. {@code 0_1}), the form used in state directory names, so that form must
 * never change. Ordered by sub-topology, then partition.
 *
 * @param subtopology the sub-topology's index in the topology, at least 0
 * @param partition   the input partition, at least 0
 */
public record TaskId(int subtopology, int partition) implements Comparable<TaskId> {
    public TaskId {
        if (subtopology < 0 || partition < 0) {
            throw new IllegalArgumentException("Task id parts must not be negative, were subtopology "
                + subtopology + " and partition " + partition);
        }
    }

    /** Parses the {@link #toString()} form. @throws TaskIdFormatException when {@code taskIdStr} is not one */
    public static TaskId parse(String taskIdStr) {
        if (taskIdStr == null) {
            throw new TaskIdFormatException(null);
        }
        int separator = taskIdStr.indexOf('_');
        if (separator < 0 || separator != taskIdStr.lastIndexOf('_')) {
            throw new TaskIdFormatException(taskIdStr);
        }
        try {
            return new TaskId(Integer.parseInt(taskIdStr.substring(0, separator)),
                Integer.parseInt(taskIdStr.substring(separator + 1)));
        } catch (IllegalArgumentException e) { // NumberFormatException included
            throw new TaskIdFormatException(taskIdStr, e);
        }
    }

    @Override
    public int compareTo(TaskId other) {
        int bySubtopology = Integer.compare(subtopology, other.subtopology);
        return bySubtopology != 0 ? bySubtopology : Integer.compare(partition, other.partition);
    }

    @Override
    public String toString() {
        return subtopology + "_" + partition;
    }
}
