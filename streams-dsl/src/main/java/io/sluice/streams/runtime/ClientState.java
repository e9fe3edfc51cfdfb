package io.sluice.streams.runtime;

import io.sluice.streams.processor.TaskId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One client (a process: an app instance) during a {@link TaskAssignor} run: its members (stream threads), what
 * they ran and what state they hold, and the tasks given to it so far. Its capacity is its thread count.
 *
 * <p>Mutable scratch state of one assignment run; confined to the thread running it.
 */
final class ClientState {
    private final UUID processId;
    private final List<TaskAssignor.Member> members = new ArrayList<>();
    private final Map<TaskId, Long> offsetSums = new HashMap<>();
    private final Set<TaskId> prevActive = new TreeSet<>();
    final Set<TaskId> active = new TreeSet<>();
    final Set<TaskId> standby = new TreeSet<>();

    ClientState(UUID processId) {
        this.processId = processId;
    }

    void add(TaskAssignor.Member member) {
        members.add(member);
        prevActive.addAll(member.prevActiveTasks());
        // Threads of one process share its state directory, so they normally report the same sums; keep the most.
        member.taskOffsetSums().forEach((task, sum) -> offsetSums.merge(task, sum, Math::max));
    }

    UUID processId() {
        return processId;
    }

    /** The members, in member id order. */
    List<TaskAssignor.Member> members() {
        List<TaskAssignor.Member> sorted = new ArrayList<>(members);
        sorted.sort((a, b) -> a.memberId().compareTo(b.memberId()));
        return Collections.unmodifiableList(sorted);
    }

    int capacity() {
        return members.size();
    }

    boolean ranActive(TaskId task) {
        return prevActive.contains(task);
    }

    /** The checkpointed changelog offset sum of {@code task} here, −1 when there is no state. */
    long offsetSum(TaskId task) {
        return offsetSums.getOrDefault(task, SubscriptionInfo.UNKNOWN_OFFSET_SUM);
    }

    boolean hosts(TaskId task) {
        return active.contains(task) || standby.contains(task);
    }

    /** Tasks (active and standby) per thread: how loaded this client is relative to its size. */
    double loadPerThread() {
        return (double) (active.size() + standby.size()) / capacity();
    }
}
