package io.sluice.streams.errors;

import io.sluice.streams.processor.TaskId;
import java.util.Optional;
import org.apache.kafka.common.KafkaException;

/**
 * The root of Sluice Streams' exceptions: something went wrong building or running a topology. Unchecked, and a
 * {@link KafkaException} as in Kafka Streams so handlers written against kafka-clients' hierarchy still match.
 * The runtime attaches the {@link TaskId} of the failing task once it knows it (a builder-time error has none).
 */
public class StreamsException extends KafkaException {
    private static final long serialVersionUID = 1L;

    // Not final: the runtime learns the task only after the exception has been thrown by user code below it.
    private transient TaskId taskId;

    public StreamsException(String message) {
        super(message);
    }

    public StreamsException(String message, Throwable cause) {
        super(message, cause);
    }

    public StreamsException(Throwable cause) {
        super(cause);
    }

    public StreamsException(String message, TaskId taskId) {
        super(message);
        this.taskId = taskId;
    }

    public StreamsException(String message, Throwable cause, TaskId taskId) {
        super(message, cause);
        this.taskId = taskId;
    }

    /** The task whose processing failed, if known. */
    public Optional<TaskId> taskId() {
        return Optional.ofNullable(taskId);
    }

    public void setTaskId(TaskId taskId) {
        this.taskId = taskId;
    }
}
