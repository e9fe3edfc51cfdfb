package io.sluice.streams.kstream;

import java.util.Map;

/**
 * A specification of fixed windows that a record can be assigned to by its timestamp alone (tumbling, hopping,
 * unlimited, join windows); sliding and session windows depend on other records and are not {@code Windows}.
 * Implementations are immutable.
 *
 * @param <W> the window type
 */
public abstract class Windows<W extends Window> {
    protected Windows() {
    }

    /**
     * The windows containing {@code timestamp}, keyed and ordered by window start. Windows never start before 0:
     * a record near the epoch belongs only to the windows with non-negative starts.
     */
    public abstract Map<Long, W> windowsFor(long timestamp);

    /** The size of each window in ms. */
    public abstract long size();

    /** How long after a window's end out-of-order records are still accepted into it, in ms. */
    public abstract long gracePeriodMs();
}
