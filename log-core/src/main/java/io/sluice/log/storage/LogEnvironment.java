package io.sluice.log.storage;

import io.sluice.log.util.Time;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every {@link PartitionLog} of one {@link LogManager} shares: the clock, the group-commit flusher, and the
 * scheduler that runs delayed file deletions.
 */
public record LogEnvironment(Time time, LogFlusher flusher, ScheduledExecutorService scheduler,
                             long producerIdExpirationMs) {
}
