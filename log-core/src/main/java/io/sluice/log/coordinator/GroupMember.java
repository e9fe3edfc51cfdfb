package io.sluice.log.coordinator;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One member of a classic group. Mutable; guarded by its group's lock (see {@link GroupCoordinator}).
 *
 * <p>{@code awaitingJoin} / {@code awaitingSync} hold the member's parked JoinGroup / SyncGroup response while the
 * group rebalances; at most one of each, and a member with either one is not expired by its session timeout
 * (it is waiting on us, not the other way round), as in Kafka.
 */
final class GroupMember {
    final String memberId;
    final String groupInstanceId;
    String clientId;
    String clientHost;
    int rebalanceTimeoutMs;
    int sessionTimeoutMs;
    /** The protocols the member supports, in its order of preference. */
    List<GroupCoordinator.Protocol> protocols;
    byte[] assignment = new byte[0];
    CompletableFuture<GroupCoordinator.JoinResult> awaitingJoin;
    CompletableFuture<GroupCoordinator.SyncResult> awaitingSync;
    long lastHeartbeatMs;
    GroupTimer.Cancellable heartbeatTimer = GroupTimer.Cancellable.NONE;

    GroupMember(String memberId, String groupInstanceId, String clientId, String clientHost, int rebalanceTimeoutMs,
                int sessionTimeoutMs, List<GroupCoordinator.Protocol> protocols) {
        this.memberId = memberId;
        this.groupInstanceId = groupInstanceId;
        this.clientId = clientId;
        this.clientHost = clientHost;
        this.rebalanceTimeoutMs = rebalanceTimeoutMs;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.protocols = List.copyOf(protocols);
    }

    boolean isStatic() {
        return groupInstanceId != null;
    }

    boolean isAwaitingJoin() {
        return awaitingJoin != null;
    }

    boolean isAwaitingSync() {
        return awaitingSync != null;
    }

    /** The member's metadata for {@code protocolName}, or null if it does not support it. */
    byte[] metadata(String protocolName) {
        for (GroupCoordinator.Protocol protocol : protocols) {
            if (protocol.name().equals(protocolName)) {
                return protocol.metadata();
            }
        }
        return null;
    }

    /** Same protocol names, order and metadata bytes: a rejoin with these needs no rebalance. */
    boolean sameProtocols(List<GroupCoordinator.Protocol> other) {
        if (other.size() != protocols.size()) {
            return false;
        }
        for (int i = 0; i < other.size(); i++) {
            GroupCoordinator.Protocol mine = protocols.get(i);
            GroupCoordinator.Protocol theirs = other.get(i);
            if (!mine.name().equals(theirs.name()) || !Arrays.equals(mine.metadata(), theirs.metadata())) {
                return false;
            }
        }
        return true;
    }
}
