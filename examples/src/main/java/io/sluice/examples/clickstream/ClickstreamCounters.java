package io.sluice.examples.clickstream;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counts of what passed each stage of {@link ClickstreamTopology}, for progress reports.
 *
 * <p>Threading: written by the stream threads, read by anyone; each counter is atomic, but a reader sees the
 * counters at slightly different moments. Under at-least-once processing a record reprocessed after a failure is
 * counted again.
 */
public final class ClickstreamCounters {
    private final AtomicLong clicksIn = new AtomicLong();
    private final AtomicLong botsDropped = new AtomicLong();
    private final AtomicLong enriched = new AtomicLong();
    private final AtomicLong unknownUsers = new AtomicLong();
    private final AtomicLong windowsEmitted = new AtomicLong();

    void clickIn() {
        clicksIn.incrementAndGet();
    }

    void botDropped() {
        botsDropped.incrementAndGet();
    }

    void enriched(boolean knownUser) {
        enriched.incrementAndGet();
        if (!knownUser) {
            unknownUsers.incrementAndGet();
        }
    }

    void windowEmitted() {
        windowsEmitted.incrementAndGet();
    }

    /** Clicks read from the clicks topic. */
    public long clicksIn() {
        return clicksIn.get();
    }

    /** Clicks whose user agent is a crawler's, dropped before the join. */
    public long botsDropped() {
        return botsDropped.get();
    }

    /** Human clicks joined with the users table (including those whose user was unknown). */
    public long enriched() {
        return enriched.get();
    }

    /** Enriched clicks whose user was not in the table; they count under region {@code unknown}. */
    public long unknownUsers() {
        return unknownUsers.get();
    }

    /** Final window counts sent to the output topic. */
    public long windowsEmitted() {
        return windowsEmitted.get();
    }
}
