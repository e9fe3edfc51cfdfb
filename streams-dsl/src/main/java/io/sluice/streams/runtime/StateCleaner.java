package io.sluice.streams.runtime;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the task directories of an app instance that no stream thread has used for {@code state.cleanup.delay.ms}
 * ({@link StateDirectory#cleanUnowned}), every {@code state.cleanup.delay.ms}, on its own daemon thread, from
 * {@link #start} to {@link #close}.
 *
 * <p>Threading: the cleaning runs on the cleaner's thread; {@link StateDirectory} serializes it with the stream
 * threads' use of task directories. A failed round is logged and the next one runs as planned: a directory that
 * cannot be deleted costs disk, never the app.
 */
public final class StateCleaner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateCleaner.class);

    private final StateDirectory stateDirectory;
    private final long cleanupDelayMs;
    private final ScheduledExecutorService executor;

    /** @param cleanupDelayMs {@code state.cleanup.delay.ms}, at least 1 */
    public StateCleaner(StateDirectory stateDirectory, long cleanupDelayMs, String applicationId) {
        if (cleanupDelayMs < 1) {
            throw new IllegalArgumentException("state.cleanup.delay.ms must be at least 1, was " + cleanupDelayMs);
        }
        this.stateDirectory = stateDirectory;
        this.cleanupDelayMs = cleanupDelayMs;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, applicationId + "-state-cleaner");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::cleanOnce, cleanupDelayMs, cleanupDelayMs, TimeUnit.MILLISECONDS);
    }

    private void cleanOnce() {
        try {
            stateDirectory.cleanUnowned(cleanupDelayMs, System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.warn("Cleaning the state directory {} failed; retrying in {} ms", stateDirectory.appDir(),
                cleanupDelayMs, e);
        }
    }

    /** Stops the cleaner, waiting for a round in progress, so the state directory can be released after. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("The state cleaner of {} did not stop within 30 s", stateDirectory.appDir());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
