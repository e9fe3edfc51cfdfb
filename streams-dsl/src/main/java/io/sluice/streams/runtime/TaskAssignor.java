package io.sluice.streams.runtime;

import io.sluice.streams.processor.TaskId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;

/**
 * Decides which member (stream thread) runs which task, as a pure function of the tasks and the members'
 * subscriptions; {@link StreamsPartitionAssignor} does the wire work around it.
 *
 * <p>The steps:
 * <ol>
 *   <li><b>Clients.</b> Members are grouped by process id into clients; a client's capacity is its thread count.
 *       Quotas give each client a share of {@code N} tasks in proportion to its capacity: {@code floor(N ×
 *       capacity / total)}, plus one more for as many clients with a fractional share as there are tasks left.
 *       The stateful tasks are placed first within quotas of their own ({@code N} = stateful tasks), so each client
 *       ends within one stateful task of its fair share; then the stateless ones within quotas of all tasks minus
 *       what each client already has. So a balanced group stays put, and a joining client gets its share of the
 *       stateful tasks, not only stateless ones.</li>
 *   <li><b>Stickiness and state.</b> Within the quotas, a stateful task goes first to the client that ran it
 *       (its state is current there), else to the client with the largest checkpointed changelog offset sum (the
 *       least to restore); a stateless task goes to the client that ran it. Every other task goes to the client
 *       with room, most state first, then lowest load per thread.</li>
 *   <li><b>Standbys.</b> Each stateful task gets up to {@code numStandbyReplicas} standbys on clients that do not
 *       host it yet, most state first, then lowest load per thread; fewer when there are not enough clients.</li>
 *   <li><b>Threads.</b> A client's active tasks are spread over its members the same way, stateful ones first:
 *       members end within one stateful task and within one task of each other, each task to the member that ran
 *       it when that member has room; its standbys go to its least loaded members.</li>
 *   <li><b>Cooperative hand-over.</b> A task is withheld from its new member while another member still owns
 *       one of its partitions (in its subscription's owned partitions): the owner loses it in this rebalance and
 *       the consumer rebalances again, when the task is free to go. Under the eager protocol members own nothing
 *       when they join, so nothing is withheld.</li>
 * </ol>
 * Ties break by process id, member id and task id, so the result is deterministic.
 *
 * <p>Immutable and thread-safe; {@link #assign} keeps its scratch state on the stack.
 */
public final class TaskAssignor {
    private final Map<TaskId, Set<TopicPartition>> tasks;
    private final Set<TaskId> statefulTasks;
    private final int numStandbyReplicas;

    /**
     * One member's subscription as the assignor needs it.
     *
     * @param ownedPartitions the partitions the member still owns (cooperative protocol; empty under eager)
     */
    public record Member(String memberId, UUID processId, Set<TaskId> prevActiveTasks,
                         Map<TaskId, Long> taskOffsetSums, Set<TopicPartition> ownedPartitions) {
        public Member {
            Objects.requireNonNull(memberId, "memberId");
            Objects.requireNonNull(processId, "processId");
            prevActiveTasks = Set.copyOf(prevActiveTasks);
            taskOffsetSums = Map.copyOf(taskOffsetSums);
            ownedPartitions = Set.copyOf(ownedPartitions);
        }
    }

    /** The tasks of one member. */
    public record MemberTasks(SortedSet<TaskId> active, SortedSet<TaskId> standby) {
        public MemberTasks {
            active = Collections.unmodifiableSortedSet(new TreeSet<>(active));
            standby = Collections.unmodifiableSortedSet(new TreeSet<>(standby));
        }
    }

    /**
     * @param assignment        every member's tasks, by member id
     * @param pendingRevocation tasks withheld this round because another member still owns one of their
     *                          partitions; they are placed in the follow-up rebalance
     * @param hostOf            the member each active task is meant for, withheld tasks included
     */
    public record Result(Map<String, MemberTasks> assignment, Set<TaskId> pendingRevocation,
                         Map<TaskId, String> hostOf) {
    }

    /**
     * @param tasks              every task with its source partitions
     * @param statefulTasks      the tasks with state stores
     * @param numStandbyReplicas standbys per stateful task, at least 0
     */
    public TaskAssignor(Map<TaskId, Set<TopicPartition>> tasks, Set<TaskId> statefulTasks, int numStandbyReplicas) {
        if (numStandbyReplicas < 0) {
            throw new IllegalArgumentException("num.standby.replicas must be at least 0, was " + numStandbyReplicas);
        }
        this.tasks = Map.copyOf(tasks);
        this.statefulTasks = Set.copyOf(statefulTasks);
        this.numStandbyReplicas = numStandbyReplicas;
    }

    /** @param members every member of the group, at least one */
    public Result assign(Collection<Member> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("Cannot assign tasks to a group without members");
        }
        Map<UUID, ClientState> byProcess = new TreeMap<>();
        members.forEach(member -> byProcess.computeIfAbsent(member.processId(), ClientState::new).add(member));
        List<ClientState> clients = List.copyOf(byProcess.values());

        assignActiveToClients(clients);
        assignStandbysToClients(clients);

        Map<String, MemberTasks> planned = new TreeMap<>();
        clients.forEach(client -> planned.putAll(spreadOverMembers(client)));
        return withholdOwnedElsewhere(planned, members);
    }

    private void assignActiveToClients(List<ClientState> clients) {
        Map<ClientState, Integer> capacities = new LinkedHashMap<>();
        clients.forEach(client -> capacities.put(client, client.capacity()));
        List<TaskId> ordered = statefulFirst(new TreeSet<>(tasks.keySet()));
        int statefulCount = (int) ordered.stream().filter(statefulTasks::contains).count();
        List<TaskId> stateful = ordered.subList(0, statefulCount);
        List<TaskId> stateless = ordered.subList(statefulCount, ordered.size());
        // Stateful tasks are balanced on their own first (as Kafka's assignor does): they are the expensive ones, so
        // a client must not end with all of them and a newcomer with only stateless ones, even at equal counts.
        Quotas<ClientState> statefulQuotas = new Quotas<>(capacities, stateful.size());
        place(stateful, statefulQuotas, clients, task -> clients.stream().filter(c -> c.ranActive(task)).findFirst()
            .orElseGet(() -> clients.stream().filter(c -> c.offsetSum(task) >= 0)
                .max(Comparator.comparingLong(c -> c.offsetSum(task))).orElse(null)));
        // Then every task counts: a client's room for stateless tasks is what its overall quota leaves.
        Quotas<ClientState> overall = new Quotas<>(capacities, tasks.size());
        clients.forEach(client -> client.active.forEach(task -> overall.takeIfRoom(client)));
        place(stateless, overall, clients, task -> clients.stream().filter(c -> c.ranActive(task)).findFirst()
            .orElse(null));
    }

    /**
     * Places {@code toPlace} on clients: each on {@code preferred} (may give null) while it has room in
     * {@code quotas}, the rest on the client with room holding the most state, then least loaded. A client over
     * its quota (possible only for the overall quota after the stateful pass) simply gets nothing more.
     */
    private static void place(List<TaskId> toPlace, Quotas<ClientState> quotas, List<ClientState> clients,
                              Function<TaskId, ClientState> preferred) {
        List<TaskId> unplaced = new ArrayList<>();
        for (TaskId task : toPlace) {
            ClientState client = preferred.apply(task);
            if (client != null && quotas.hasRoom(client)) {
                quotas.take(client);
                client.active.add(task);
            } else {
                unplaced.add(task);
            }
        }
        for (TaskId task : unplaced) {
            ClientState best = clients.stream().filter(quotas::hasRoom).min(byStateThenLoad(task))
                .orElseThrow(() -> new IllegalStateException("No client has room for task " + task
                    + ": the quotas do not add up"));
            quotas.take(best);
            best.active.add(task);
        }
    }

    /** The stateful tasks of {@code taskIds}, then the stateless ones, each in the collection's order. */
    private List<TaskId> statefulFirst(Collection<TaskId> taskIds) {
        List<TaskId> ordered = new ArrayList<>(taskIds.stream().filter(statefulTasks::contains).toList());
        taskIds.stream().filter(task -> !statefulTasks.contains(task)).forEach(ordered::add);
        return ordered;
    }

    private void assignStandbysToClients(List<ClientState> clients) {
        for (TaskId task : new TreeSet<>(statefulTasks)) {
            for (int replica = 0; replica < numStandbyReplicas; replica++) {
                clients.stream().filter(client -> !client.hosts(task)).min(byStateThenLoad(task))
                    .ifPresent(client -> client.standby.add(task)); // fewer clients than replicas: fewer standbys
            }
        }
    }

    /** Most checkpointed state of {@code task} first, then lowest load per thread, then process id. */
    private static Comparator<ClientState> byStateThenLoad(TaskId task) {
        return Comparator.comparingLong((ClientState client) -> -client.offsetSum(task))
            .thenComparingDouble(ClientState::loadPerThread)
            .thenComparing(ClientState::processId);
    }

    private Map<String, MemberTasks> spreadOverMembers(ClientState client) {
        List<Member> members = client.members();
        Map<String, SortedSet<TaskId>> active = new LinkedHashMap<>();
        Map<String, SortedSet<TaskId>> standby = new HashMap<>();
        members.forEach(member -> {
            active.put(member.memberId(), new TreeSet<>());
            standby.put(member.memberId(), new TreeSet<>());
        });
        Map<String, Integer> equalWeights = new LinkedHashMap<>();
        members.forEach(member -> equalWeights.put(member.memberId(), 1));
        // As over clients: the stateful tasks are spread over the threads on their own first, then all of them.
        List<TaskId> ordered = statefulFirst(client.active);
        int stateful = (int) client.active.stream().filter(statefulTasks::contains).count();
        spreadWithin(ordered.subList(0, stateful), new Quotas<>(equalWeights, stateful), members, active);
        Quotas<String> overall = new Quotas<>(equalWeights, ordered.size());
        active.forEach((memberId, placed) -> placed.forEach(task -> overall.takeIfRoom(memberId)));
        spreadWithin(ordered.subList(stateful, ordered.size()), overall, members, active);
        for (TaskId task : client.standby) {
            String least = members.stream().map(Member::memberId)
                .min(Comparator.comparingInt(id -> active.get(id).size() + standby.get(id).size())).orElseThrow();
            standby.get(least).add(task);
        }
        Map<String, MemberTasks> result = new LinkedHashMap<>();
        active.forEach((memberId, tasks) -> result.put(memberId, new MemberTasks(tasks, standby.get(memberId))));
        return result;
    }

    /** Gives each task to the member that ran it while it has room, the rest to the member with room and fewest. */
    private static void spreadWithin(List<TaskId> toSpread, Quotas<String> quotas, List<Member> members,
                                     Map<String, SortedSet<TaskId>> active) {
        List<TaskId> unplaced = new ArrayList<>();
        for (TaskId task : toSpread) {
            String previous = members.stream().filter(m -> m.prevActiveTasks().contains(task)).findFirst()
                .map(Member::memberId).orElse(null);
            if (previous != null && quotas.hasRoom(previous)) {
                quotas.take(previous);
                active.get(previous).add(task);
            } else {
                unplaced.add(task);
            }
        }
        for (TaskId task : unplaced) {
            String target = active.keySet().stream().filter(quotas::hasRoom)
                .min(Comparator.comparingInt(id -> active.get(id).size())).orElseThrow();
            quotas.take(target);
            active.get(target).add(task);
        }
    }

    private Result withholdOwnedElsewhere(Map<String, MemberTasks> planned, Collection<Member> members) {
        Map<TopicPartition, String> owners = new HashMap<>();
        members.forEach(member -> member.ownedPartitions().forEach(p -> owners.put(p, member.memberId())));
        Map<String, MemberTasks> granted = new TreeMap<>();
        Set<TaskId> pending = new TreeSet<>();
        Map<TaskId, String> hostOf = new TreeMap<>();
        planned.forEach((memberId, memberTasks) -> {
            SortedSet<TaskId> active = new TreeSet<>();
            for (TaskId task : memberTasks.active()) {
                hostOf.put(task, memberId);
                boolean ownedElsewhere = tasks.get(task).stream()
                    .anyMatch(p -> owners.containsKey(p) && !owners.get(p).equals(memberId));
                (ownedElsewhere ? pending : active).add(task);
            }
            granted.put(memberId, new MemberTasks(active, memberTasks.standby()));
        });
        return new Result(Collections.unmodifiableMap(granted), Collections.unmodifiableSet(pending),
            Collections.unmodifiableMap(hostOf));
    }
}
