package io.sluice.log.coordinator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The state of one classic group: members, generation, protocol, committed offsets. A plain data holder whose
 * every field is guarded by the object's monitor ({@code synchronized (group)}); the rules live in
 * {@link GroupCoordinator}.
 *
 * <p>Invariants (hold whenever the lock is free):
 * <ul>
 *   <li>{@code members} is empty exactly when the state is {@link GroupState#EMPTY} or {@link GroupState#DEAD},
 *   except transiently inside PreparingRebalance when every member left (the join then completes to Empty);</li>
 *   <li>{@code leaderId} is a key of {@code members}, or null when there are none;</li>
 *   <li>{@code staticMembers} maps each static member's instance id to its <em>current</em> member id;</li>
 *   <li>{@code protocolName} is non-null in CompletingRebalance and Stable;</li>
 *   <li>{@code pendingMembers} (ids handed out with MEMBER_ID_REQUIRED) are not in {@code members}.</li>
 * </ul>
 */
final class ClassicGroup {
    final String groupId;
    /** The {@code __consumer_offsets} partition holding this group's records. */
    final int offsetsPartition;
    GroupState state = GroupState.EMPTY;
    long stateTimestampMs;
    String protocolType;
    String protocolName;
    int generationId;
    String leaderId;
    final LinkedHashMap<String, GroupMember> members = new LinkedHashMap<>();
    final Map<String, String> staticMembers = new HashMap<>();
    final Set<String> pendingMembers = new HashSet<>();
    final Set<String> pendingSyncMembers = new HashSet<>();
    /** Join or initial-delay timer of the current PreparingRebalance; sync timer in CompletingRebalance. */
    GroupTimer.Cancellable rebalanceTimer = GroupTimer.Cancellable.NONE;
    /** Set while the initial rebalance delay of an Empty group runs: joins never complete the rebalance early. */
    boolean inInitialDelay;
    boolean newMemberAdded;
    /** Bumped whenever {@code rebalanceTimer} is replaced, so a stale timer task (cancelled too late) sees it is stale. */
    long rebalanceTimerToken;
    final Map<TopicPartition, CommittedOffset> offsets = new HashMap<>();

    /** An offset with the position of the record that stored it, so a late durable-callback never goes back. */
    record CommittedOffset(OffsetAndMetadata offset, long recordOffset) {
    }

    ClassicGroup(String groupId, int offsetsPartition, long nowMs) {
        this.groupId = groupId;
        this.offsetsPartition = offsetsPartition;
        this.stateTimestampMs = nowMs;
    }

    boolean is(GroupState candidate) {
        return state == candidate;
    }

    void transitionTo(GroupState next, long nowMs) {
        if (!next.canBeEnteredFrom(state)) {
            throw new IllegalStateException("Group " + groupId + " cannot go from " + state + " to " + next);
        }
        state = next;
        stateTimestampMs = nowMs;
    }

    void add(GroupMember member) {
        members.put(member.memberId, member);
        if (member.isStatic()) {
            staticMembers.put(member.groupInstanceId, member.memberId);
        }
        if (leaderId == null) {
            leaderId = member.memberId;
        }
    }

    void remove(GroupMember member) {
        members.remove(member.memberId);
        if (member.isStatic()) {
            staticMembers.remove(member.groupInstanceId, member.memberId);
        }
        pendingSyncMembers.remove(member.memberId);
        if (member.memberId.equals(leaderId)) {
            leaderId = members.isEmpty() ? null : members.keySet().iterator().next();
        }
    }

    boolean isLeader(String memberId) {
        return memberId.equals(leaderId);
    }

    int rebalanceTimeoutMs() {
        int max = 0;
        for (GroupMember member : members.values()) {
            max = Math.max(max, member.rebalanceTimeoutMs);
        }
        return max;
    }

    boolean allMembersJoined() {
        for (GroupMember member : members.values()) {
            if (!member.isAwaitingJoin()) {
                return false;
            }
        }
        return pendingMembers.isEmpty();
    }

    /** Protocol names every member supports. */
    Set<String> candidateProtocols() {
        Set<String> candidates = null;
        for (GroupMember member : members.values()) {
            Set<String> names = new LinkedHashSet<>();
            member.protocols.forEach(protocol -> names.add(protocol.name()));
            if (candidates == null) {
                candidates = names;
            } else {
                candidates.retainAll(names);
            }
        }
        return candidates == null ? Set.of() : candidates;
    }

    /** Whether a member offering these protocols may join: same type and at least one protocol in common. */
    boolean supportsProtocols(String memberProtocolType, List<GroupCoordinator.Protocol> memberProtocols) {
        if (memberProtocolType == null || memberProtocolType.isEmpty() || memberProtocols.isEmpty()) {
            return false;
        }
        if (members.isEmpty()) {
            return true;
        }
        if (!memberProtocolType.equals(protocolType)) {
            return false;
        }
        Set<String> candidates = candidateProtocols();
        return memberProtocols.stream().anyMatch(protocol -> candidates.contains(protocol.name()));
    }

    /**
     * Each member votes for its most preferred protocol among those all members support; the most votes win, ties
     * going to the protocol that comes first in the leader's (else the first member's) preference order.
     */
    String selectProtocol() {
        Set<String> candidates = candidateProtocols();
        Map<String, Integer> votes = new HashMap<>();
        for (GroupMember member : members.values()) {
            for (GroupCoordinator.Protocol protocol : member.protocols) {
                if (candidates.contains(protocol.name())) {
                    votes.merge(protocol.name(), 1, Integer::sum);
                    break;
                }
            }
        }
        GroupMember reference = leaderId != null ? members.get(leaderId) : members.values().iterator().next();
        String best = null;
        int bestVotes = -1;
        for (GroupCoordinator.Protocol protocol : reference.protocols) {
            int count = votes.getOrDefault(protocol.name(), 0);
            if (candidates.contains(protocol.name()) && count > bestVotes) {
                best = protocol.name();
                bestVotes = count;
            }
        }
        if (best == null) {
            throw new IllegalStateException("Group " + groupId + " has no protocol every member supports");
        }
        return best;
    }

    /** The persisted form, with {@code assignments} (member id → bytes) in place of the members' current ones. */
    OffsetsTopicCodec.GroupRecord toRecord(Map<String, byte[]> assignments) {
        List<OffsetsTopicCodec.MemberRecord> records = new ArrayList<>(members.size());
        for (GroupMember member : members.values()) {
            byte[] subscription = protocolName == null ? null : member.metadata(protocolName);
            records.add(new OffsetsTopicCodec.MemberRecord(member.memberId, member.groupInstanceId, member.clientId,
                member.clientHost, member.rebalanceTimeoutMs, member.sessionTimeoutMs,
                subscription == null ? new byte[0] : subscription,
                assignments.getOrDefault(member.memberId, member.assignment)));
        }
        return new OffsetsTopicCodec.GroupRecord(protocolType, generationId, protocolName, leaderId,
            stateTimestampMs, records);
    }
}
