package io.sluice.streams.processor;

/**
 * A task's identity: the sub-topology it runs and the input partition it reads. Printed (and parsed) as
 * {@code "<subtopology>_<partition>"}, which also names its state directory.
 */
public record TaskId(int subtopology, int partition) implements Comparable<TaskId> {
    public TaskId {
        if (subtopology < 0 || partition < 0) {
            throw new IllegalArgumentException("task ids are not negative: " + subtopology + "_" + partition);
        }
    }

    /** @throws IllegalArgumentException when {@code text} is not {@code "<int>_<int>"} */
    public static TaskId parse(String text) {
        int underscore = text.indexOf('_');
        try {
            if (underscore > 0) {
                return new TaskId(Integer.parseInt(text.substring(0, underscore)),
                    Integer.parseInt(text.substring(underscore + 1)));
            }
        } catch (NumberFormatException e) {
            // fall through to the error naming the whole text
        }
        throw new IllegalArgumentException("not a task id (expected <subtopology>_<partition>): " + text);
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
