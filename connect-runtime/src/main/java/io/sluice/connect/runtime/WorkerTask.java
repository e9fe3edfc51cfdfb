package io.sluice.connect.runtime;

import io.sluice.connect.runtime.errors.RetryWithToleranceOperator;
import io.sluice.connect.runtime.isolation.Plugins;
import io.sluice.connect.runtime.rest.entities.ConnectorTaskId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running task: its own thread runs {@link #initializeAndStart}, then {@link #execute} until asked to stop,
 * then {@link #close}, with the connector's class loader as the thread context loader throughout.
 *
 * <p>States and what the {@link StatusListener} hears: started (onStartup), paused/resumed as the target state
 * changes (onPause/onResume, reported from the task thread once it has actually paused or resumed), failed (any
 * exception escaping the task: onFailure with it, then nothing more), stopped cleanly (onShutdown). A task that
 * does not stop within {@code task.shutdown.graceful.timeout.ms} is {@link #cancel cancelled}: it is abandoned,
 * interrupted, commits nothing more and reports nothing more.
 *
 * <p>Threading: {@link #stop}, {@link #transitionTo}, {@link #cancel} and {@link #awaitStop} are called from other
 * threads (the worker, for the herder); everything else runs on the task thread. The target state and stop flag
 * are guarded by this object's monitor, which the task thread waits on while paused.
 */
abstract class WorkerTask implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerTask.class);

    protected final ConnectorTaskId id;
    protected final StatusListener statusListener;
    protected final RetryWithToleranceOperator operator;
    private final ClassLoader loader;
    private final CountDownLatch finished = new CountDownLatch(1);
    private Herder.TargetState targetState;
    private boolean stopping;
    private volatile boolean cancelled;
    private volatile Thread thread;

    WorkerTask(ConnectorTaskId id, TaskResources<?> resources) {
        this.id = id;
        this.statusListener = resources.statusListener();
        this.operator = resources.operator();
        this.loader = resources.loader();
        this.targetState = resources.initialState();
    }

    ConnectorTaskId id() {
        return id;
    }

    /** Initializes the plugin task and calls its start(). */
    protected abstract void initializeAndStart();

    /** The task's main loop; returns when {@link #isStopping()}. */
    protected abstract void execute() throws Exception;

    /** Releases the task's resources (calls the plugin's stop(), closes clients); runs even after a failure. */
    protected abstract void close();

    /** A hook to break the task thread out of a blocking call after a stop or state change (e.g. consumer.wakeup). */
    protected void wakeUp() {
    }

    @Override
    public final void run() {
        thread = Thread.currentThread();
        ClassLoader previous = Plugins.swapLoader(loader);
        boolean failed = false;
        try {
            initializeAndStart();
            statusListener.onStartup(id);
            execute();
        } catch (Throwable t) {
            failed = true;
            if (cancelled) {
                LOG.warn("Task {} failed after it was abandoned; ignoring", id, t);
            } else {
                LOG.error("Task {} failed; it will not recover until restarted", id, t);
                statusListener.onFailure(id, t);
            }
        } finally {
            try {
                close();
            } catch (Throwable t) {
                LOG.warn("Task {} did not close cleanly", id, t);
            }
            Plugins.swapLoader(previous);
            if (!failed && !cancelled) {
                statusListener.onShutdown(id);
            }
            finished.countDown();
        }
    }

    final void stop() {
        synchronized (this) {
            stopping = true;
            notifyAll();
        }
        operator.stop();
        wakeUp();
    }

    final synchronized boolean isStopping() {
        return stopping;
    }

    final boolean isCancelled() {
        return cancelled;
    }

    /** Abandons a task that did not stop in time: no more commits or status reports; its thread is interrupted. */
    final void cancel() {
        cancelled = true;
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }

    final boolean awaitStop(long timeoutMs) throws InterruptedException {
        return finished.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    final void transitionTo(Herder.TargetState state) {
        synchronized (this) {
            targetState = state;
            notifyAll();
        }
        wakeUp();
    }

    final synchronized Herder.TargetState targetState() {
        return targetState;
    }

    /**
     * Blocks the task thread while the target state is PAUSED, reporting the pause and the resume.
     *
     * @return false when the task was asked to stop while paused
     */
    protected final boolean awaitUnpaused() throws InterruptedException {
        statusListener.onPause(id);
        synchronized (this) {
            while (targetState == Herder.TargetState.PAUSED && !stopping) {
                wait();
            }
            if (stopping) {
                return false;
            }
        }
        statusListener.onResume(id);
        return true;
    }
}
