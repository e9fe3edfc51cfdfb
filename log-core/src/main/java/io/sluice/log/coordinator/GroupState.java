package io.sluice.log.coordinator;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The states of a classic group, named as Kafka names them on the wire (ListGroups, DescribeGroups). Each state
 * knows the states it may be entered from; {@code ClassicGroup.transitionTo} enforces that, so an illegal
 * transition is a bug that fails loudly rather than a silently corrupted group.
 */
public enum GroupState {
    /** No members; may hold committed offsets. Entered when the last member leaves or is expired. */
    EMPTY("Empty"),
    /** Waiting for every known member to (re)join, or for the rebalance timeout. */
    PREPARING_REBALANCE("PreparingRebalance"),
    /** Join responses sent; waiting for the leader's assignments in SyncGroup. */
    COMPLETING_REBALANCE("CompletingRebalance"),
    /** Assignments handed out; members heartbeat. */
    STABLE("Stable"),
    /** Deleted (DeleteGroups); the group object is unusable and gone from the coordinator's map. */
    DEAD("Dead");

    private final String wireName;
    private Set<GroupState> validPrevious;

    static {
        EMPTY.validPrevious = EnumSet.of(PREPARING_REBALANCE);
        PREPARING_REBALANCE.validPrevious = EnumSet.of(STABLE, COMPLETING_REBALANCE, EMPTY);
        COMPLETING_REBALANCE.validPrevious = EnumSet.of(PREPARING_REBALANCE);
        STABLE.validPrevious = EnumSet.of(COMPLETING_REBALANCE);
        DEAD.validPrevious = EnumSet.of(STABLE, PREPARING_REBALANCE, COMPLETING_REBALANCE, EMPTY, DEAD);
    }

    GroupState(String wireName) {
        this.wireName = wireName;
    }

    /** The name Kafka clients and tools know ("Stable", "PreparingRebalance", ...). */
    public String wireName() {
        return wireName;
    }

    boolean canBeEnteredFrom(GroupState previous) {
        return validPrevious.contains(previous);
    }

    /** Parses a wire name, case-insensitively as Kafka does for ListGroups' states filter. */
    public static Optional<GroupState> fromWireName(String name) {
        for (GroupState state : values()) {
            if (state.wireName.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
