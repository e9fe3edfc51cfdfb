package io.sluice.cli;

import io.sluice.examples.clickstream.ClickstreamProgress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Prints the demo's progress once a second, one line per tick: records in and out of every stage. A tick that
 * cannot read the progress says why instead.
 *
 * <p>Threading: its own daemon thread prints; {@link #start()} and {@link #stop()} are called by the command's
 * thread, and {@code stop()} waits for a tick in progress so no line follows it.
 */
final class ProgressPrinter {
    private final PrintWriter err;
    private final Supplier<ClickstreamProgress> progress;
    private final long clicks;
    private final long startNanos;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sluice-demo-progress");
        thread.setDaemon(true);
        return thread;
    });

    ProgressPrinter(PrintWriter err, Supplier<ClickstreamProgress> progress, long clicks, long startNanos) {
        this.err = err;
        this.progress = progress;
        this.clicks = clicks;
        this.startNanos = startNanos;
    }

    void start() {
        ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    void stop() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void tick() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        ClickstreamProgress p;
        try {
            p = progress.get();
        } catch (RuntimeException e) {
            err.printf(Locale.ROOT, "%5.1fs  progress unavailable: %s%n", seconds, e.getMessage());
            err.flush();
            return;
        }
        err.printf(Locale.ROOT, "%5.1fs  clicks %,d/%,d (%3.0f%%) | app in %,d, bots -%,d, enriched %,d, windows out "
                + "%,d | sink lines %,d%n", seconds, p.clicksGenerated(), clicks,
            100.0 * p.clicksGenerated() / clicks, p.clicksIn(), p.botsDropped(), p.enriched(), p.windowsEmitted(),
            p.linesWritten());
        err.flush();
    }
}
