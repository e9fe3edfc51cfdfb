package io.sluice.log.storage;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: a few threads that fsync logs on request. A log asks to be flushed when an appender waits for
 * durability; while one fsync runs, further appends pile up and are all covered by the next one, so N
 * concurrent appenders cost far fewer than N fsyncs.
 *
 * <p>Threading: {@link #schedule} is called by appenders (any thread); each log is queued at most once at a time
 * (the log's own flag, see {@link PartitionLog#flushPending()}), so one log is never fsynced by two flusher
 * threads at once, while different logs are fsynced in parallel. Flusher threads complete appenders' futures:
 * callbacks on them must be short.
 *
 * <p>With zero threads the flusher is driven by its owner: {@link #flushQueued()} runs the queued fsyncs on the
 * caller's thread, which makes group commit deterministic in tests.
 */
public final class LogFlusher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LogFlusher.class);

    private final LinkedBlockingQueue<PartitionLog> queue = new LinkedBlockingQueue<>();
    private final Thread[] threads;
    private final AtomicLong fsyncs = new AtomicLong();
    private volatile boolean running = true;

    public LogFlusher(int threadCount, String namePrefix) {
        if (threadCount < 0) {
            throw new IllegalArgumentException("LogFlusher thread count must be >= 0, got " + threadCount);
        }
        this.threads = new Thread[threadCount];
        for (int i = 0; i < threadCount; i++) {
            threads[i] = new Thread(this::run, namePrefix + "-flusher-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
    }

    /** Queues {@code partitionLog} for an fsync unless it is already queued. */
    void schedule(PartitionLog partitionLog) {
        if (partitionLog.flushPending().compareAndSet(false, true)) {
            queue.add(partitionLog);
        }
    }

    /** Number of fsync passes done so far (one pass may sync several segments of one log). */
    public long fsyncCount() {
        return fsyncs.get();
    }

    private void run() {
        while (running) {
            PartitionLog next;
            try {
                next = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (next != null) {
                flush(next);
            }
        }
    }

    /** Runs every queued fsync on the caller's thread (for a flusher built with zero threads); returns how many. */
    public int flushQueued() {
        int count = 0;
        for (PartitionLog next = queue.poll(); next != null; next = queue.poll()) {
            flush(next);
            count++;
        }
        return count;
    }

    private void flush(PartitionLog partitionLog) {
        // Clear the flag before capturing the target, so an append after this point queues a new pass.
        partitionLog.flushPending().set(false);
        try {
            partitionLog.flushToLogEnd();
            fsyncs.incrementAndGet();
        } catch (RuntimeException e) {
            // flushToLogEnd already failed the waiters with this error; keep serving other logs.
            log.error("Flush of {} failed", partitionLog, e);
        }
    }

    /** Stops the threads; logs must be closed (and so flushed) by their owner before. */
    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
