package io.sluice.connect.runtime.errors;

import io.sluice.connect.runtime.rest.entities.ConnectorTaskId;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code errors.log.enable}: logs every failed record at ERROR with the task, stage and class, and, when
 * {@code errors.log.include.messages} is set, the record's description (its contents). Stateless; thread-safe.
 */
public final class LogReporter implements ErrorReporter {
    private static final Logger LOG = LoggerFactory.getLogger(LogReporter.class);

    private final ConnectorTaskId taskId;
    private final boolean includeMessages;

    public LogReporter(ConnectorTaskId taskId, boolean includeMessages) {
        this.taskId = taskId;
        this.includeMessages = includeMessages;
    }

    @Override
    public CompletableFuture<Void> report(FailedRecord record, Stage stage, Class<?> executingClass,
                                          Throwable error) {
        String where = includeMessages ? record.description()
            : "topic '" + record.topic() + "' partition " + record.partition() + " offset " + record.offset();
        LOG.error("Error encountered in task {}. Executing stage '{}' with class '{}', where record is {}.",
            taskId, stage, executingClass.getName(), where, error);
        return CompletableFuture.completedFuture(null);
    }
}
