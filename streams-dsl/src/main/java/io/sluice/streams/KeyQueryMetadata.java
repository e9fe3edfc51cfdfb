package io.sluice.streams;

import io.sluice.streams.state.HostInfo;
import java.util.Set;

/**
 * Where a key of a store lives: the instance hosting the active task of its partition, the instances with standby
 * copies, and the partition. {@link #NOT_AVAILABLE} when the application does not know yet (it is rebalancing or
 * not running).
 *
 * @param activeHost   the instance of the active task
 * @param standbyHosts instances with standby copies
 * @param partition    the key's partition
 */
public record KeyQueryMetadata(HostInfo activeHost, Set<HostInfo> standbyHosts, int partition) {
    public static final KeyQueryMetadata NOT_AVAILABLE = new KeyQueryMetadata(HostInfo.unavailable(), Set.of(), -1);

    public KeyQueryMetadata {
        standbyHosts = Set.copyOf(standbyHosts);
    }
}
