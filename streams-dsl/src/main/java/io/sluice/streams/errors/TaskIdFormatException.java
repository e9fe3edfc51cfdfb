package io.sluice.streams.errors;

/** A string could not be parsed as a {@link io.sluice.streams.processor.TaskId} ({@code <subtopology>_<partition>}). */
public class TaskIdFormatException extends StreamsException {
    private static final long serialVersionUID = 1L;

    public TaskIdFormatException(String message) {
        super("Task id cannot be parsed correctly" + (message == null ? "" : " from " + message));
    }

    public TaskIdFormatException(String message, Throwable cause) {
        super("Task id cannot be parsed correctly" + (message == null ? "" : " from " + message), cause);
    }
}
