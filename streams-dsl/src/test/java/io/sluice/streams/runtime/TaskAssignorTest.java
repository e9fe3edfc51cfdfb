package io.sluice.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.streams.processor.TaskId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TaskAssignorTest {
    private static final UUID P1 = new UUID(0, 1);
    private static final UUID P2 = new UUID(0, 2);
    private static final UUID P3 = new UUID(0, 3);

    /** Tasks {@code s_0 .. s_(n-1)} reading partition p of topic "t<s>". */
    private static Map<TaskId, Set<TopicPartition>> tasks(int subtopology, int partitions) {
        Map<TaskId, Set<TopicPartition>> tasks = new LinkedHashMap<>();
        for (int p = 0; p < partitions; p++) {
            tasks.put(new TaskId(subtopology, p), Set.of(new TopicPartition("t" + subtopology, p)));
        }
        return tasks;
    }

    private static TaskAssignor.Member member(String id, UUID process, Set<TaskId> prev) {
        return new TaskAssignor.Member(id, process, prev, Map.of(), Set.of());
    }

    private static TaskId task(int s, int p) {
        return new TaskId(s, p);
    }

    private static Map<String, Integer> activeCounts(TaskAssignor.Result result) {
        return result.assignment().entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().active().size()));
    }

    private static Set<TaskId> allActive(TaskAssignor.Result result) {
        Set<TaskId> all = new HashSet<>();
        result.assignment().values().forEach(tasks -> all.addAll(tasks.active()));
        return all;
    }

    @Test
    void balancesOverClientsByThreadCountAndThenOverTheirThreads() {
        TaskAssignor assignor = new TaskAssignor(tasks(0, 9), Set.of(), 0);
        // P1 runs two threads, P2 one: 6 and 3 tasks, so every thread gets 3.
        TaskAssignor.Result result = assignor.assign(List.of(member("a1", P1, Set.of()),
            member("a2", P1, Set.of()), member("b1", P2, Set.of())));
        assertThat(activeCounts(result)).containsExactlyInAnyOrderEntriesOf(Map.of("a1", 3, "a2", 3, "b1", 3));
        assertThat(allActive(result)).hasSize(9);
        assertThat(result.pendingRevocation()).isEmpty();
    }

    @Test
    void unevenCountsEndWithinOneTaskOfEachOther() {
        TaskAssignor.Result result = new TaskAssignor(tasks(0, 7), Set.of(), 0)
            .assign(List.of(member("a", P1, Set.of()), member("b", P2, Set.of()), member("c", P3, Set.of())));
        assertThat(activeCounts(result).values()).containsExactlyInAnyOrder(3, 2, 2);
        assertThat(allActive(result)).hasSize(7);
    }

    @Test
    void keepsTasksWithTheirPreviousOwnersWhenThatIsBalanced() {
        TaskAssignor assignor = new TaskAssignor(tasks(0, 4), Set.of(), 0);
        TaskAssignor.Result result = assignor.assign(List.of(
            member("a", P1, Set.of(task(0, 1), task(0, 3))), member("b", P2, Set.of(task(0, 0), task(0, 2)))));
        assertThat(result.assignment().get("a").active()).containsExactly(task(0, 1), task(0, 3));
        assertThat(result.assignment().get("b").active()).containsExactly(task(0, 0), task(0, 2));
    }

    @Test
    void aJoiningMemberTakesOnlyWhatBalanceNeedsAndTheRestStays() {
        TaskAssignor assignor = new TaskAssignor(tasks(0, 6), Set.of(), 0);
        Set<TaskId> all = tasks(0, 6).keySet();
        TaskAssignor.Result result = assignor.assign(List.of(
            member("a", P1, all), member("b", P2, Set.of()), member("c", P3, Set.of())));
        assertThat(activeCounts(result)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 2, "b", 2, "c", 2));
        assertThat(all).containsAll(result.assignment().get("a").active()); // a kept 2 of its own, moved 4
    }

    @Test
    void whenAMemberLeavesTheOthersTakeItsTasksAndKeepTheirOwn() {
        TaskAssignor assignor = new TaskAssignor(tasks(0, 6), Set.of(), 0);
        // c (which ran 0_4 and 0_5) is gone.
        TaskAssignor.Result result = assignor.assign(List.of(
            member("a", P1, Set.of(task(0, 0), task(0, 1))), member("b", P2, Set.of(task(0, 2), task(0, 3)))));
        assertThat(result.assignment().get("a").active()).hasSize(3).contains(task(0, 0), task(0, 1));
        assertThat(result.assignment().get("b").active()).hasSize(3).contains(task(0, 2), task(0, 3));
        assertThat(allActive(result)).hasSize(6);
    }

    @Test
    void statefulTasksGoWhereTheirStateIsEvenWithoutAPreviousOwner() {
        Map<TaskId, Set<TopicPartition>> tasks = tasks(1, 2);
        TaskAssignor assignor = new TaskAssignor(tasks, tasks.keySet(), 0);
        // Both clients restart (nobody ran anything); P2 holds 1_0's state, P1 holds more of 1_1's than P2.
        TaskAssignor.Result result = assignor.assign(List.of(
            new TaskAssignor.Member("a", P1, Set.of(), Map.of(task(1, 1), 500L, task(1, 0), 3L), Set.of()),
            new TaskAssignor.Member("b", P2, Set.of(), Map.of(task(1, 0), 100L, task(1, 1), 10L), Set.of())));
        assertThat(result.assignment().get("a").active()).containsExactly(task(1, 1));
        assertThat(result.assignment().get("b").active()).containsExactly(task(1, 0));
    }

    @Test
    void balanceWinsOverStateWhenOneClientHoldsEverything() {
        Map<TaskId, Set<TopicPartition>> tasks = tasks(1, 4);
        Map<TaskId, Long> sums = new LinkedHashMap<>();
        tasks.keySet().forEach(task -> sums.put(task, 1_000L));
        TaskAssignor.Result result = new TaskAssignor(tasks, tasks.keySet(), 0).assign(List.of(
            new TaskAssignor.Member("a", P1, Set.of(), sums, Set.of()), member("b", P2, Set.of())));
        assertThat(activeCounts(result)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 2, "b", 2));
    }

    @Test
    void standbysLandOnOtherClientsAndOnlyForStatefulTasks() {
        Map<TaskId, Set<TopicPartition>> tasks = new LinkedHashMap<>(tasks(0, 2));
        tasks.putAll(tasks(1, 2));
        Set<TaskId> stateful = tasks(1, 2).keySet();
        TaskAssignor.Result result = new TaskAssignor(tasks, stateful, 1).assign(List.of(
            member("a1", P1, Set.of()), member("a2", P1, Set.of()), member("b", P2, Set.of())));
        Map<UUID, Set<TaskId>> activeByClient = Map.of(P1, new HashSet<>(), P2, new HashSet<>());
        Map<UUID, Set<TaskId>> standbyByClient = Map.of(P1, new HashSet<>(), P2, new HashSet<>());
        result.assignment().forEach((member, memberTasks) -> {
            UUID process = member.startsWith("a") ? P1 : P2;
            activeByClient.get(process).addAll(memberTasks.active());
            standbyByClient.get(process).addAll(memberTasks.standby());
        });
        List<TaskId> standbys = new ArrayList<>();
        standbyByClient.values().forEach(standbys::addAll);
        assertThat(standbys).containsExactlyInAnyOrderElementsOf(stateful); // one each, none of the stateless
        for (UUID process : List.of(P1, P2)) {
            assertThat(activeByClient.get(process)).doesNotContainAnyElementsOf(standbyByClient.get(process));
        }
    }

    @Test
    void moreStandbyReplicasThanOtherClientsGivesAsManyAsThereAreClients() {
        Map<TaskId, Set<TopicPartition>> tasks = tasks(1, 1);
        TaskAssignor.Result result = new TaskAssignor(tasks, tasks.keySet(), 3)
            .assign(List.of(member("a", P1, Set.of()), member("b", P2, Set.of())));
        long standbys = result.assignment().values().stream().mapToLong(t -> t.standby().size()).sum();
        assertThat(standbys).isEqualTo(1);
    }

    @Test
    void threadsOfAClientKeepTheirOwnTasks() {
        TaskAssignor.Result result = new TaskAssignor(tasks(0, 4), Set.of(), 0).assign(List.of(
            member("t1", P1, Set.of(task(0, 2), task(0, 3))), member("t2", P1, Set.of(task(0, 0), task(0, 1)))));
        assertThat(result.assignment().get("t1").active()).containsExactly(task(0, 2), task(0, 3));
        assertThat(result.assignment().get("t2").active()).containsExactly(task(0, 0), task(0, 1));
    }

    @Test
    void cooperativeTaskMovingAwayIsWithheldWhileItsOldMemberStillOwnsItsPartition() {
        Map<TaskId, Set<TopicPartition>> tasks = tasks(0, 4);
        Set<TopicPartition> allPartitions = new HashSet<>();
        tasks.values().forEach(allPartitions::addAll);
        TaskAssignor assignor = new TaskAssignor(tasks, Set.of(), 0);
        // Round 1: a owns everything, b joins.
        TaskAssignor.Result first = assignor.assign(List.of(
            new TaskAssignor.Member("a", P1, tasks.keySet(), Map.of(), allPartitions),
            member("b", P2, Set.of())));
        assertThat(first.assignment().get("a").active()).hasSize(2);
        assertThat(first.assignment().get("b").active()).isEmpty();
        assertThat(first.pendingRevocation()).hasSize(2);
        assertThat(first.hostOf()).hasSize(4);
        Set<TaskId> movingToB = first.pendingRevocation();
        assertThat(movingToB).allSatisfy(task -> assertThat(first.hostOf().get(task)).isEqualTo("b"));

        // Round 2: a revoked them and owns only what it kept; b gets them now.
        Set<TaskId> kept = first.assignment().get("a").active();
        Set<TopicPartition> keptPartitions = new HashSet<>();
        kept.forEach(task -> keptPartitions.addAll(tasks.get(task)));
        TaskAssignor.Result second = assignor.assign(List.of(
            new TaskAssignor.Member("a", P1, kept, Map.of(), keptPartitions), member("b", P2, Set.of())));
        assertThat(second.pendingRevocation()).isEmpty();
        assertThat(second.assignment().get("a").active()).isEqualTo(kept);
        assertThat(second.assignment().get("b").active()).containsExactlyInAnyOrderElementsOf(movingToB);
    }

    @Test
    void aJoiningClientGetsItsShareOfTheStatefulTasksNotOnlyStatelessOnes() {
        // 4 stateful tasks (1_x) and 4 stateless ones (0_x); "a" ran all 8, "b" joins.
        Map<TaskId, Set<TopicPartition>> tasks = new LinkedHashMap<>(tasks(0, 4));
        tasks.putAll(tasks(1, 4));
        Set<TaskId> stateful = tasks(1, 4).keySet();
        TaskAssignor.Result result = new TaskAssignor(tasks, stateful, 0)
            .assign(List.of(member("a", P1, tasks.keySet()), member("b", P2, Set.of())));
        assertThat(activeCounts(result)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 4, "b", 4));
        assertThat(result.assignment().get("a").active()).filteredOn(stateful::contains).hasSize(2);
        assertThat(result.assignment().get("b").active()).filteredOn(stateful::contains).hasSize(2);
    }

    @Test
    void statefulBalanceKeepsStatefulTasksWhereTheyRanWithinTheirShare() {
        // "a" ran 1_0 and 1_1, "b" ran 1_2 and every stateless task: b gives stateless ones up, a keeps its state.
        Map<TaskId, Set<TopicPartition>> tasks = new LinkedHashMap<>(tasks(0, 3));
        tasks.putAll(tasks(1, 3));
        TaskAssignor.Result result = new TaskAssignor(tasks, tasks(1, 3).keySet(), 0).assign(List.of(
            member("a", P1, Set.of(task(1, 0), task(1, 1))),
            member("b", P2, Set.of(task(1, 2), task(0, 0), task(0, 1), task(0, 2)))));
        assertThat(result.assignment().get("a").active()).hasSize(3).contains(task(1, 0), task(1, 1));
        assertThat(result.assignment().get("b").active()).hasSize(3).contains(task(1, 2));
    }

    @Test
    void threadsOfAClientShareItsStatefulTasksEvenly() {
        // One client, two threads; a1 ran every stateful task, a2 every stateless one.
        Map<TaskId, Set<TopicPartition>> tasks = new LinkedHashMap<>(tasks(0, 4));
        tasks.putAll(tasks(1, 4));
        Set<TaskId> stateful = tasks(1, 4).keySet();
        TaskAssignor.Result result = new TaskAssignor(tasks, stateful, 0).assign(List.of(
            member("a1", P1, stateful), member("a2", P1, tasks(0, 4).keySet())));
        assertThat(activeCounts(result)).containsExactlyInAnyOrderEntriesOf(Map.of("a1", 4, "a2", 4));
        assertThat(result.assignment().get("a1").active()).filteredOn(stateful::contains).hasSize(2);
        assertThat(result.assignment().get("a2").active()).filteredOn(stateful::contains).hasSize(2);
    }

    @Test
    void unevenCapacitiesStillPlaceEveryTaskWithinOneOfTheFairShare() {
        // 3 stateful + 4 stateless tasks over clients of 2 and 1 threads, everything previously on the small one.
        Map<TaskId, Set<TopicPartition>> tasks = new LinkedHashMap<>(tasks(0, 4));
        tasks.putAll(tasks(1, 3));
        TaskAssignor.Result result = new TaskAssignor(tasks, tasks(1, 3).keySet(), 0).assign(List.of(
            member("a1", P1, Set.of()), member("a2", P1, Set.of()), member("b", P2, tasks.keySet())));
        assertThat(allActive(result)).isEqualTo(tasks.keySet());
        assertThat(activeCounts(result).values()).allMatch(count -> count == 2 || count == 3);
        assertThat(result.assignment().get("b").active()).filteredOn(tasks(1, 3).keySet()::contains).hasSize(1);
    }

    @Test
    void isDeterministic() {
        Map<TaskId, Set<TopicPartition>> tasks = new LinkedHashMap<>(tasks(0, 5));
        tasks.putAll(tasks(1, 5));
        List<TaskAssignor.Member> members = List.of(member("x", P2, Set.of()), member("y", P1, Set.of()),
            member("z", P1, Set.of(task(1, 3))));
        TaskAssignor assignor = new TaskAssignor(tasks, tasks(1, 5).keySet(), 1);
        assertThat(assignor.assign(members)).isEqualTo(assignor.assign(List.of(members.get(2), members.get(0),
            members.get(1))));
    }
}
