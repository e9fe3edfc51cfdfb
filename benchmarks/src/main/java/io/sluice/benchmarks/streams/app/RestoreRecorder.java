package io.sluice.benchmarks.streams.app;

/**
 * Totals of a restore, fed by each library's {@code StateRestoreListener} (the twins' adapters call
 * {@link #started}, {@link #batch} and {@link #ended}): records restored, and the time from the first start to the
 * last end.
 *
 * <p>Threading: thread-safe; the listener is called on the app's threads, the driver waits on this monitor.
 */
final class RestoreRecorder {
    private long records;
    private int running;
    private long firstStartNs = -1;
    private long lastEndNs = -1;

    synchronized void started() {
        if (firstStartNs < 0) {
            firstStartNs = System.nanoTime();
        }
        running++;
    }

    synchronized void batch(long restored) {
        records += restored;
    }

    synchronized void ended() {
        running--;
        lastEndNs = System.nanoTime();
        notifyAll();
    }

    synchronized long restoredRecords() {
        return records;
    }

    /** First start to last end, 0 when nothing was restored. */
    synchronized double listenerSeconds() {
        return firstStartNs < 0 || lastEndNs < 0 ? 0 : (lastEndNs - firstStartNs) / 1e9;
    }

    /**
     * Waits until at least {@code expectedRecords} were restored and no restore is in progress.
     *
     * @return {@link System#nanoTime()} of the last restore's end
     * @throws IllegalStateException after {@code timeoutMs}, with the totals so far
     */
    synchronized long awaitRestored(long expectedRecords, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (records < expectedRecords || running > 0) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new IllegalStateException("Restore not done after " + timeoutMs + " ms: " + records + " of "
                    + expectedRecords + " changelog records restored, " + running + " restores running");
            }
            wait(left);
        }
        return lastEndNs;
    }
}
