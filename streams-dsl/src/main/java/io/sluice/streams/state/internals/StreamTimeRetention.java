package io.sluice.streams.state.internals;

import java.util.Comparator;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.utils.Bytes;

/**
 * The time layout of a window or session store as its cache needs it: retention by the cache's own observed stream
 * time (the largest segment timestamp put), and the order the segmented store yields multi-key results in.
 *
 * <p>Like the store below, the cache drops puts of expired records and never returns them, whether they come from
 * the cache or from below: until the cache writes, the store below has not seen the newest timestamps and would
 * still return records the uncached store would have expired. After a restart the clock starts empty, so until the
 * first put the store below's own retention alone applies.
 *
 * <p>Threading: single-threaded, owned by the cache's task.
 */
final class StreamTimeRetention implements WriteBackCache.Retention {
    private final long retentionMs;
    private final long segmentIntervalMs;
    private final ToLongFunction<byte[]> segmentTimestampOf;
    private long observedStreamTime = -1;

    /**
     * @param segmentTimestampOf the timestamp segments and retention go by, read from a store key: the window
     *                           start, or the session end
     */
    StreamTimeRetention(long retentionMs, long segmentIntervalMs, ToLongFunction<byte[]> segmentTimestampOf) {
        this.retentionMs = retentionMs;
        this.segmentIntervalMs = segmentIntervalMs;
        this.segmentTimestampOf = segmentTimestampOf;
    }

    private long minLiveTimestamp() {
        return observedStreamTime - retentionMs + 1;
    }

    @Override
    public boolean admit(byte[] storeKey) {
        long segmentTimestamp = segmentTimestampOf.applyAsLong(storeKey);
        observedStreamTime = Math.max(observedStreamTime, segmentTimestamp);
        return segmentTimestamp >= minLiveTimestamp();
    }

    @Override
    public boolean isLive(byte[] storeKey) {
        return segmentTimestampOf.applyAsLong(storeKey) >= minLiveTimestamp();
    }

    @Override
    public Predicate<byte[]> liveNow() {
        long minLive = minLiveTimestamp();
        return storeKey -> segmentTimestampOf.applyAsLong(storeKey) >= minLive;
    }

    /**
     * The order of multi-key results of {@link SegmentedBytesStore}: segment by segment (by {@code floor(segment
     * timestamp / segmentIntervalMs)}), store-key order within a segment.
     */
    Comparator<Bytes> segmentOrder() {
        return Comparator.<Bytes>comparingLong(key -> Math.floorDiv(segmentTimestampOf.applyAsLong(key.get()),
            segmentIntervalMs)).thenComparing(Comparator.naturalOrder());
    }
}
