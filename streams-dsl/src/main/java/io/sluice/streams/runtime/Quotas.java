package io.sluice.streams.runtime;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How many of {@code count} tasks each holder (a client, or a thread of one) may take, in proportion to its
 * weight: {@code floor(count × weight / totalWeight)} each, and one extra for the first holders with a fractional
 * share that ask, until the tasks left over are used up. Holders so end within one task of their fair share, and
 * every task finds a holder with room: the floors and the leftovers add up to {@code count}.
 *
 * <p>Mutable scratch state of one assignment run; confined to its thread.
 *
 * @param <K> the holder type
 */
final class Quotas<K> {
    private final Map<K, Integer> base = new HashMap<>();
    private final Map<K, Integer> taken = new HashMap<>();
    private final Set<K> fractional = new HashSet<>();
    private int extrasLeft;

    /** @param weights every holder with a positive weight */
    Quotas(Map<K, Integer> weights, int count) {
        long totalWeight = weights.values().stream().mapToLong(Integer::longValue).sum();
        int floors = 0;
        for (Map.Entry<K, Integer> holder : weights.entrySet()) {
            long share = (long) count * holder.getValue();
            int floor = (int) (share / totalWeight);
            base.put(holder.getKey(), floor);
            taken.put(holder.getKey(), 0);
            floors += floor;
            if (share % totalWeight != 0) {
                fractional.add(holder.getKey());
            }
        }
        extrasLeft = count - floors;
    }

    boolean hasRoom(K holder) {
        int had = taken.get(holder);
        return had < base.get(holder) || had == base.get(holder) && fractional.contains(holder) && extrasLeft > 0;
    }

    /**
     * Counts a task {@code holder} already has, when it has room for it: a holder placed beyond this quota by an
     * earlier pass (with other quotas) just ends full, and the rest stays available to the others.
     */
    void takeIfRoom(K holder) {
        if (hasRoom(holder)) {
            take(holder);
        }
    }

    /** Counts one more task for {@code holder}, which must have {@link #hasRoom room}. */
    void take(K holder) {
        if (!hasRoom(holder)) {
            throw new IllegalStateException("No room left for another task at " + holder);
        }
        int had = taken.merge(holder, 1, Integer::sum) - 1;
        if (had == base.get(holder)) {
            extrasLeft--;
        }
    }
}
