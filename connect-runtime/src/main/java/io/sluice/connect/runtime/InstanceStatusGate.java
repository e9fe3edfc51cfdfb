package io.sluice.connect.runtime;

import io.sluice.connect.runtime.rest.entities.ConnectorTaskId;

/**
 * The status reports of one connector or task <em>instance</em>, forwarded to the worker's {@link StatusListener}
 * until the instance is {@link #abandon() abandoned}. This is what keeps statuses generation-safe: an instance that
 * did not stop within {@code task.shutdown.graceful.timeout.ms} is abandoned before its replacement is created, and
 * whatever it reports later (its {@code start()} finally returning, its shutdown, a failure) can no longer overwrite
 * what the replacement reported.
 *
 * <p>Threading: reports arrive on the instance's own thread, {@link #abandon()} on the thread that stops it. Both
 * hold this object's monitor, so once {@code abandon()} returns no report of the instance is in flight or still to
 * come. The delegate is called under that monitor and must therefore never block on the thread that abandons (the
 * {@link StatusListener} contract already forbids calling back into the worker).
 */
final class InstanceStatusGate implements StatusListener {
    private final StatusListener delegate;
    private boolean abandoned;

    InstanceStatusGate(StatusListener delegate) {
        this.delegate = delegate;
    }

    /** From now on the instance's reports are dropped; waits for a report being forwarded at this moment. */
    synchronized void abandon() {
        abandoned = true;
    }

    @Override
    public synchronized void onStartup(String connector) {
        if (!abandoned) {
            delegate.onStartup(connector);
        }
    }

    @Override
    public synchronized void onPause(String connector) {
        if (!abandoned) {
            delegate.onPause(connector);
        }
    }

    @Override
    public synchronized void onResume(String connector) {
        if (!abandoned) {
            delegate.onResume(connector);
        }
    }

    @Override
    public synchronized void onStop(String connector) {
        if (!abandoned) {
            delegate.onStop(connector);
        }
    }

    @Override
    public synchronized void onFailure(String connector, Throwable cause) {
        if (!abandoned) {
            delegate.onFailure(connector, cause);
        }
    }

    @Override
    public synchronized void onShutdown(String connector) {
        if (!abandoned) {
            delegate.onShutdown(connector);
        }
    }

    @Override
    public synchronized void onStartup(ConnectorTaskId id) {
        if (!abandoned) {
            delegate.onStartup(id);
        }
    }

    @Override
    public synchronized void onPause(ConnectorTaskId id) {
        if (!abandoned) {
            delegate.onPause(id);
        }
    }

    @Override
    public synchronized void onResume(ConnectorTaskId id) {
        if (!abandoned) {
            delegate.onResume(id);
        }
    }

    @Override
    public synchronized void onFailure(ConnectorTaskId id, Throwable cause) {
        if (!abandoned) {
            delegate.onFailure(id, cause);
        }
    }

    @Override
    public synchronized void onShutdown(ConnectorTaskId id) {
        if (!abandoned) {
            delegate.onShutdown(id);
        }
    }
}
