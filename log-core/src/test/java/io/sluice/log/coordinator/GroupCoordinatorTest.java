package io.sluice.log.coordinator;

import static io.sluice.log.coordinator.CoordinatorFixture.INITIAL_DELAY_MS;
import static io.sluice.log.coordinator.CoordinatorFixture.REBALANCE_MS;
import static io.sluice.log.coordinator.CoordinatorFixture.SESSION_MS;
import static io.sluice.log.coordinator.CoordinatorFixture.await;
import static io.sluice.log.coordinator.CoordinatorFixture.bytes;
import static io.sluice.log.coordinator.CoordinatorFixture.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.log.coordinator.GroupCoordinator.JoinResult;
import io.sluice.log.coordinator.GroupCoordinator.LeavingMember;
import io.sluice.log.coordinator.GroupCoordinator.SyncResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The classic group state machine, driven through the coordinator's API with a manual clock. */
class GroupCoordinatorTest {
    private static final String GROUP = "payments";
    private static final TopicPartition TP0 = new TopicPartition("orders", 0);
    private static final TopicPartition TP1 = new TopicPartition("orders", 1);

    @TempDir
    Path dir;
    private CoordinatorFixture fx;
    private GroupCoordinator coordinator;

    @BeforeEach
    void open() {
        fx = new CoordinatorFixture(dir);
        coordinator = fx.coordinator;
    }

    @AfterEach
    void close() {
        fx.close();
    }

    // ---------------------------------------------------------------------------------------------- join/sync

    @Test
    void aFirstJoinWithoutMemberIdGetsMemberIdRequiredWithANewId() {
        JoinResult first = await(coordinator.joinGroup(join(GROUP, "", null)));

        assertThat(first.error()).isEqualTo(Errors.MEMBER_ID_REQUIRED);
        assertThat(first.memberId()).startsWith("client-").hasSizeGreaterThan("client-".length() + 30);
        assertThat(fx.state(GROUP)).isEqualTo(GroupState.EMPTY);
    }

    @Test
    void aPendingMemberIdThatIsNeverUsedExpiresAfterTheSessionTimeout() {
        JoinResult first = await(coordinator.joinGroup(join(GROUP, "", null)));

        fx.timer.advance(SESSION_MS);

        JoinResult late = await(coordinator.joinGroup(join(GROUP, first.memberId(), null)));
        assertThat(late.error()).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
    }

    @Test
    void aSingleMemberBecomesLeaderAfterTheInitialDelayAndGetsItsAssignment() {
        CompletableFuture<JoinResult> pending = fx.joinNew(GROUP);
        assertThat(pending).isNotDone();
        assertThat(fx.state(GROUP)).isEqualTo(GroupState.PREPARING_REBALANCE);

        fx.timer.advance(INITIAL_DELAY_MS);

        JoinResult joined = await(pending);
        assertThat(joined.error()).isEqualTo(Errors.NONE);
        assertThat(joined.generationId()).isEqualTo(1);
        assertThat(joined.leaderId()).isEqualTo(joined.memberId());
        assertThat(joined.protocolName()).isEqualTo("range");
        assertThat(joined.members()).extracting(GroupCoordinator.JoinedMember::memberId)
            .containsExactly(joined.memberId());
        assertThat(fx.state(GROUP)).isEqualTo(GroupState.COMPLETING_REBALANCE);

        SyncResult synced = fx.sync(GROUP, joined, Map.of(joined.memberId(), bytes("p0,p1")));

        assertThat(synced.error()).isEqualTo(Errors.NONE);
        assertThat(synced.assignment()).isEqualTo(bytes("p0,p1"));
        assertThat(fx.state(GROUP)).isEqualTo(GroupState.STABLE);
    }

    @Test
    void threeMembersJoiningDuringTheInitialDelayShareOneGenerationAndFollowersWaitForTheLeadersSync() {
        CompletableFuture<JoinResult> a = fx.joinNew(GROUP);
        fx.timer.advance(1_000);
        CompletableFuture<JoinResult> b = fx.joinNew(GROUP);
        CompletableFuture<JoinResult> c = fx.joinNew(GROUP);
        fx.timer.advance(INITIAL_DELAY_MS); // first delay ends, members arrived during it: extended once
        assertThat(a).isNotDone();
        fx.timer.advance(INITIAL_DELAY_MS);

        JoinResult leader = await(a);
        JoinResult follower1 = await(b);
        JoinResult follower2 = await(c);
        assertThat(List.of(leader, follower1, follower2)).allSatisfy(result -> {
            assertThat(result.error()).isEqualTo(Errors.NONE);
            assertThat(result.generationId()).isEqualTo(1);
            assertThat(result.leaderId()).isEqualTo(leader.memberId());
        });
        assertThat(leader.members()).hasSize(3);
        assertThat(follower1.members()).isEmpty();

        CompletableFuture<SyncResult> followerSync = fx.syncAsync(GROUP, follower1, Map.of());
        assertThat(followerSync).isNotDone();
        fx.sync(GROUP, leader, Map.of(leader.memberId(), bytes("a"), follower1.memberId(), bytes("b"),
            follower2.memberId(), bytes("c")));

        assertThat(await(followerSync).assignment()).isEqualTo(bytes("b"));
        assertThat(fx.sync(GROUP, follower2, Map.of()).assignment()).isEqualTo(bytes("c"));
        assertThat(fx.state(GROUP)).isEqualTo(GroupState.STABLE);
    }

    @Test
    void theCommonProtocolIsTheOneMostMembersPreferAmongThoseAllSupport() {
        CompletableFuture<JoinResult> a = coordinator.joinGroup(
            withKnownIdNotRequired(join(GROUP, "", null, "sticky", "range", "roundrobin")));
        CompletableFuture<JoinResult> b = coordinator.joinGroup(
            withKnownIdNotRequired(join(GROUP, "", null, "roundrobin", "range")));
        CompletableFuture<JoinResult> c = coordinator.joinGroup(
            withKnownIdNotRequired(join(GROUP, "", null, "roundrobin", "range", "sticky")));
        fx.timer.advance(INITIAL_DELAY_MS * 2);

        assertThat(await(a).protocolName()).isEqualTo("roundrobin");
        assertThat(await(b).protocolName()).isEqualTo("roundrobin");
        assertThat(await(c).error()).isEqualTo(Errors.NONE);
    }

    @Test
    void aMemberWithNoProtocolInCommonOrAnotherProtocolTypeIsRejected() {
        JoinResult leader = fx.stableSingleMemberGroup(GROUP);

        JoinResult noCommon = await(coordinator.joinGroup(join(GROUP, "", null, "cooperative-sticky")));
        GroupCoordinator.JoinRequest otherType = join(GROUP, "", null, "range");
        JoinResult wrongType = await(coordinator.joinGroup(new GroupCoordinator.JoinRequest(GROUP, "", null,
            "connect", "/h", SESSION_MS, REBALANCE_MS, "connect", otherType.protocols(), true)));

        assertThat(noCommon.error()).isEqualTo(Errors.INCONSISTENT_GROUP_PROTOCOL);
        assertThat(wrongType.error()).isEqualTo(Errors.INCONSISTENT_GROUP_PROTOCOL);
        assertThat(coordinator.heartbeat(GROUP, leader.memberId(), null, 1)).isEqualTo(Errors.NONE);
    }

    @Test
    void sessionTimeoutsOutsideTheConfiguredRangeAreRejected() {
        GroupCoordinator.JoinRequest valid = join(GROUP, "", null);
        for (int sessionMs : new int[] {5_999, 1_800_001}) {
            JoinResult result = await(coordinator.joinGroup(new GroupCoordinator.JoinRequest(GROUP, "", null,
                "client", "/h", sessionMs, REBALANCE_MS, "consumer", valid.protocols(), true)));
            assertThat(result.error()).isEqualTo(Errors.INVALID_SESSION_TIMEOUT);
        }
    }

    // --------------------------------------------------------------------------------------------- rebalances

    @Test
    void aNewMemberJoiningAStableGroupTriggersARebalanceThatTheOldMemberJoins() {
        JoinResult first = fx.stableSingleMemberGroup(GROUP);

        CompletableFuture<JoinResult> second = fx.joinNew(GROUP);
        assertThat(fx.state(GROUP)).isEqualTo(GroupState.PREPARING_REBALANCE);
        assertThat(coordinator.heartbeat(GROUP, first.memberId(), null, 1)).isEqualTo(Errors.REBALANCE_IN_PROGRESS);

        JoinResult rejoined = await(coordinator.joinGroup(join(GROUP, first.memberId(), null)));

        assertThat(rejoined.generationId()).isEqualTo(2);
        assertThat(rejoined.leaderId()).isEqualTo(first.memberId());
        assertThat(rejoined.members()).hasSize(2);
        assertThat(await(second).generationId()).isEqualTo(2);
    }

    @Test
    void membersThatDoNotRejoinWithinTheRebalanceTimeoutAreRemoved() {
        CompletableFuture<JoinResult> pa = fx.joinNew(GROUP);
        CompletableFuture<JoinResult> pb = fx.joinNew(GROUP);
        fx.timer.advance(INITIAL_DELAY_MS * 2);
        JoinResult leader = await(pa);
        JoinResult laggard = await(pb);
        fx.sync(GROUP, leader, Map.of());
        fx.sync(GROUP, laggard, Map.of());

        CompletableFuture<JoinResult> newcomer = fx.joinNew(GROUP);
        CompletableFuture<JoinResult> leaderRejoin = coordinator.joinGroup(join(GROUP, leader.memberId(), null));
        // The laggard keeps heartbeating but never rejoins: heartbeats do not save it from the rebalance timeout.
        for (int i = 0; i < 10; i++) {
            fx.timer.advance(REBALANCE_MS / 10 - 1);
            coordinator.heartbeat(GROUP, laggard.memberId(), null, 1);
        }
        fx.timer.advance(10);

        JoinResult next = await(leaderRejoin);
        assertThat(next.generationId()).isEqualTo(2);
        assertThat(next.members()).extracting(GroupCoordinator.JoinedMember::memberId)
            .containsExactlyInAnyOrder(leader.memberId(), await(newcomer).memberId());
        assertThat(coordinator.heartbeat(GROUP, laggard.memberId(), null, 2)).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
    }

    @Test
    void aMemberWhoseSessionExpiresIsRemovedAndTheGroupRebalances() {
        CompletableFuture<JoinResult> pa = fx.joinNew(GROUP);
        CompletableFuture<JoinResult> pb = fx.joinNew(GROUP);
        fx.timer.advance(INITIAL_DELAY_MS * 2);
        JoinResult a = await(pa);
        JoinResult b = await(pb);
        fx.sync(GROUP, a, Map.of());
        fx.sync(GROUP, b, Map.of());

        for (int i = 0; i < 4; i++) {
            fx.timer.advance(3_000);
            assertThat(coordinator.heartbeat(GROUP, a.memberId(), null, 1)).isEqualTo(
                i < 3 ? Errors.NONE : Errors.REBALANCE_IN_PROGRESS);
        }

        assertThat(fx.state(GROUP)).isEqualTo(GroupState.PREPARING_REBALANCE);
        JoinResult rejoined = await(coordinator.joinGroup(join(GROUP, a.memberId(), null)));
        assertThat(rejoined.generationId()).isEqualTo(2);
        assertThat(rejoined.members()).extracting(GroupCoordinator.JoinedMember::memberId)
            .containsExactly(a.memberId());
    }

    @Test
    void whenTheLeaderLeavesTheRemainingMemberBecomesLeaderOfTheNextGeneration() {
        CompletableFuture<JoinResult> pa = fx.joinNew(GROUP);
        CompletableFuture<JoinResult> pb = fx.joinNew(GROUP);
        fx.timer.advance(INITIAL_DELAY_MS * 2);
        JoinResult leader = await(pa);
        JoinResult follower = await(pb);
        fx.sync(GROUP, leader, Map.of());
        fx.sync(GROUP, follower, Map.of());

        GroupCoordinator.LeaveResult left = coordinator.leaveGroup(GROUP,
            List.of(new LeavingMember(leader.memberId(), null)));

        assertThat(left.memberErrors()).containsExactly(Errors.NONE);
        assertThat(fx.state(GROUP)).isEqualTo(GroupState.PREPARING_REBALANCE);
        JoinResult rejoined = await(coordinator.joinGroup(join(GROUP, follower.memberId(), null)));
        assertThat(rejoined.leaderId()).isEqualTo(follower.memberId());
        assertThat(rejoined.generationId()).isEqualTo(2);
    }

    @Test
    void whenTheLastMemberLeavesTheGroupIsEmptyInANewGeneration() {
        JoinResult only = fx.stableSingleMemberGroup(GROUP);

        coordinator.leaveGroup(GROUP, List.of(new LeavingMember(only.memberId(), null)));

        GroupCoordinator.GroupDescription description = coordinator.describeGroup(GROUP);
        assertThat(description.state()).isEqualTo(GroupState.EMPTY);
        assertThat(description.members()).isEmpty();
        assertThat(coordinator.heartbeat(GROUP, only.memberId(), null, 1)).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
    }

    @Test
    void aRebalanceWhileFollowersWaitForTheirAssignmentAnswersThemRebalanceInProgress() {
        CompletableFuture<JoinResult> pa = fx.joinNew(GROUP);
        CompletableFuture<JoinResult> pb = fx.joinNew(GROUP);
        fx.timer.advance(INITIAL_DELAY_MS * 2);
        await(pa);
        JoinResult follower = await(pb);
        CompletableFuture<SyncResult> waiting = fx.syncAsync(GROUP, follower, Map.of());

        fx.joinNew(GROUP);

        assertThat(await(waiting).error()).isEqualTo(Errors.REBALANCE_IN_PROGRESS);
    }

    @Test
    void membersThatNeverSendSyncGroupAreRemovedAfterTheRebalanceTimeout() {
        CompletableFuture<JoinResult> pa = fx.joinNew(GROUP);
        CompletableFuture<JoinResult> pb = fx.joinNew(GROUP);
        fx.timer.advance(INITIAL_DELAY_MS * 2);
        JoinResult leader = await(pa);
        JoinResult silent = await(pb);
        fx.sync(GROUP, leader, Map.of());

        // Both heartbeat (so no session expires), but one never asks for its assignment.
        for (int elapsed = 0; elapsed < REBALANCE_MS; elapsed += 5_000) {
            fx.timer.advance(5_000);
            coordinator.heartbeat(GROUP, leader.memberId(), null, 1);
            coordinator.heartbeat(GROUP, silent.memberId(), null, 1);
        }

        assertThat(fx.state(GROUP)).isEqualTo(GroupState.PREPARING_REBALANCE);
        assertThat(coordinator.heartbeat(GROUP, silent.memberId(), null, 1)).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
    }

    // -------------------------------------------------------------------------------------------- heartbeats

    @Test
    void heartbeatsAnswerUnknownMemberIllegalGenerationOrNone() {
        JoinResult member = fx.stableSingleMemberGroup(GROUP);

        assertThat(coordinator.heartbeat("nope", member.memberId(), null, 1)).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
        assertThat(coordinator.heartbeat(GROUP, "stranger", null, 1)).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
        assertThat(coordinator.heartbeat(GROUP, member.memberId(), null, 7)).isEqualTo(Errors.ILLEGAL_GENERATION);
        assertThat(coordinator.heartbeat(GROUP, member.memberId(), null, 1)).isEqualTo(Errors.NONE);
        assertThat(coordinator.heartbeat("", member.memberId(), null, 1)).isEqualTo(Errors.INVALID_GROUP_ID);
    }

    @Test
    void syncGroupChecksGenerationAndProtocol() {
        JoinResult member = fx.stableSingleMemberGroup(GROUP);

        SyncResult wrongGeneration = await(coordinator.syncGroup(new GroupCoordinator.SyncRequest(GROUP,
            member.memberId(), null, 9, "consumer", "range", Map.of())));
        SyncResult wrongProtocol = await(coordinator.syncGroup(new GroupCoordinator.SyncRequest(GROUP,
            member.memberId(), null, 1, "consumer", "roundrobin", Map.of())));
        SyncResult stable = await(coordinator.syncGroup(new GroupCoordinator.SyncRequest(GROUP,
            member.memberId(), null, 1, null, null, Map.of())));

        assertThat(wrongGeneration.error()).isEqualTo(Errors.ILLEGAL_GENERATION);
        assertThat(wrongProtocol.error()).isEqualTo(Errors.INCONSISTENT_GROUP_PROTOCOL);
        assertThat(stable.error()).isEqualTo(Errors.NONE);
        assertThat(stable.assignment()).isEqualTo(bytes("assignment-" + member.memberId()));
    }

    // ----------------------------------------------------------------------------------------- static members

    @Test
    void aStaticMemberRejoiningWithUnchangedMetadataReplacesItsOldIdWithoutARebalance() {
        CompletableFuture<JoinResult> pending = coordinator.joinGroup(join(GROUP, "", "instance-1"));
        fx.timer.advance(INITIAL_DELAY_MS);
        JoinResult original = await(pending);
        fx.sync(GROUP, original, Map.of(original.memberId(), bytes("mine")));

        // The process restarts: it lost its member id but keeps its instance id.
        JoinResult replaced = await(coordinator.joinGroup(join(GROUP, "", "instance-1")));

        assertThat(replaced.error()).isEqualTo(Errors.NONE);
        assertThat(replaced.memberId()).isNotEqualTo(original.memberId());
        assertThat(replaced.generationId()).isEqualTo(1);
        assertThat(replaced.leaderId()).isEqualTo(replaced.memberId());
        assertThat(replaced.skipAssignment()).isTrue();
        assertThat(fx.state(GROUP)).isEqualTo(GroupState.STABLE);
        assertThat(coordinator.heartbeat(GROUP, original.memberId(), "instance-1", 1))
            .isEqualTo(Errors.FENCED_INSTANCE_ID);
        assertThat(coordinator.heartbeat(GROUP, replaced.memberId(), "instance-1", 1)).isEqualTo(Errors.NONE);
        SyncResult assignment = await(coordinator.syncGroup(new GroupCoordinator.SyncRequest(GROUP,
            replaced.memberId(), "instance-1", 1, null, null, Map.of())));
        assertThat(assignment.assignment()).isEqualTo(bytes("mine"));
    }

    @Test
    void aStaticMemberRejoiningWithNewMetadataTriggersARebalance() {
        CompletableFuture<JoinResult> pending = coordinator.joinGroup(join(GROUP, "", "instance-1"));
        fx.timer.advance(INITIAL_DELAY_MS);
        JoinResult original = await(pending);
        fx.sync(GROUP, original, Map.of());

        JoinResult rejoined = await(coordinator.joinGroup(join(GROUP, "", "instance-1", "range", "roundrobin")));

        assertThat(rejoined.error()).isEqualTo(Errors.NONE);
        assertThat(rejoined.generationId()).isEqualTo(2);
    }

    @Test
    void staticMembersLeaveByInstanceIdAndAStaleMemberIdIsFenced() {
        CompletableFuture<JoinResult> pending = coordinator.joinGroup(join(GROUP, "", "instance-1"));
        fx.timer.advance(INITIAL_DELAY_MS);
        JoinResult member = await(pending);
        fx.sync(GROUP, member, Map.of());

        GroupCoordinator.LeaveResult result = coordinator.leaveGroup(GROUP, List.of(
            new LeavingMember("stale-id", "instance-1"),
            new LeavingMember("", "instance-2"),
            new LeavingMember("", "instance-1")));

        assertThat(result.memberErrors()).containsExactly(Errors.FENCED_INSTANCE_ID, Errors.UNKNOWN_MEMBER_ID,
            Errors.NONE);
        assertThat(fx.state(GROUP)).isEqualTo(GroupState.EMPTY);
    }

    // ---------------------------------------------------------------------------------------------- offsets

    @Test
    void membersCommitOffsetsInTheirGenerationAndFetchThemBack() {
        JoinResult member = fx.stableSingleMemberGroup(GROUP);

        Map<TopicPartition, Errors> committed = await(coordinator.commitOffsets(new GroupCoordinator.CommitRequest(
            GROUP, member.memberId(), null, 1, Map.of(TP0, offset(42, 3, "meta"), TP1, offset(7, -1, null)))));

        assertThat(committed).containsOnly(Map.entry(TP0, Errors.NONE), Map.entry(TP1, Errors.NONE));
        GroupCoordinator.FetchedOffsets fetched = coordinator.fetchOffsets(GROUP, List.of(TP0, TP1,
            new TopicPartition("other", 0)));
        assertThat(fetched.offsets()).containsOnlyKeys(TP0, TP1);
        assertThat(fetched.offsets().get(TP0).offset()).isEqualTo(42);
        assertThat(fetched.offsets().get(TP0).leaderEpoch()).contains(3);
        assertThat(fetched.offsets().get(TP0).metadata()).isEqualTo("meta");
        assertThat(fetched.offsets().get(TP1).leaderEpoch()).isEmpty();
        assertThat(coordinator.fetchOffsets(GROUP, null).offsets()).containsOnlyKeys(TP0, TP1);
    }

    @Test
    void commitsAreCheckedAgainstGenerationMemberAndGroupState() {
        JoinResult member = fx.stableSingleMemberGroup(GROUP);

        assertThat(commit(GROUP, member.memberId(), 2)).isEqualTo(Errors.ILLEGAL_GENERATION);
        assertThat(commit(GROUP, "stranger", 1)).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
        assertThat(commit(GROUP, "", -1)).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
        assertThat(commit("unknown-group", "m", 1)).isEqualTo(Errors.GROUP_ID_NOT_FOUND);

        CompletableFuture<JoinResult> newcomer = fx.joinNew(GROUP);
        // PreparingRebalance: the old generation may still commit (e.g. in onPartitionsRevoked).
        assertThat(commit(GROUP, member.memberId(), 1)).isEqualTo(Errors.NONE);
        await(coordinator.joinGroup(join(GROUP, member.memberId(), null)));
        await(newcomer);
        assertThat(commit(GROUP, member.memberId(), 2)).isEqualTo(Errors.REBALANCE_IN_PROGRESS);
    }

    @Test
    void aSimpleCommitCreatesAnEmptyGroupThatOnlyStoresOffsets() {
        assertThat(commit("tools", "", -1)).isEqualTo(Errors.NONE);

        assertThat(coordinator.fetchOffsets("tools", null).offsets()).containsOnlyKeys(TP0);
        assertThat(coordinator.listGroups(Set.of())).extracting(GroupCoordinator.GroupListing::groupId)
            .containsExactly("tools");
        assertThat(fx.state("tools")).isEqualTo(GroupState.EMPTY);
    }

    @Test
    void offsetMetadataLongerThanTheLimitIsRejectedPerPartition() {
        String tooLong = "x".repeat(4_097);

        Map<TopicPartition, Errors> result = await(coordinator.commitOffsets(new GroupCoordinator.CommitRequest(
            "tools", "", null, -1, Map.of(TP0, offset(1, -1, tooLong), TP1, offset(2, -1, "ok")))));

        assertThat(result).containsOnly(Map.entry(TP0, Errors.OFFSET_METADATA_TOO_LARGE), Map.entry(TP1, Errors.NONE));
    }

    // ----------------------------------------------------------------------------------- list/describe/delete

    @Test
    void listGroupsFiltersByStateAndDescribeShowsMembersOfAStableGroup() {
        JoinResult member = fx.stableSingleMemberGroup(GROUP);
        commit("tools", "", -1);

        assertThat(coordinator.listGroups(Set.of())).extracting(GroupCoordinator.GroupListing::groupId)
            .containsExactlyInAnyOrder(GROUP, "tools");
        assertThat(coordinator.listGroups(Set.of(GroupState.STABLE)))
            .containsExactly(new GroupCoordinator.GroupListing(GROUP, "consumer", GroupState.STABLE));

        GroupCoordinator.GroupDescription description = coordinator.describeGroup(GROUP);
        assertThat(description.error()).isEqualTo(Errors.NONE);
        assertThat(description.protocolType()).isEqualTo("consumer");
        assertThat(description.protocolName()).isEqualTo("range");
        assertThat(description.members()).singleElement().satisfies(m -> {
            assertThat(m.memberId()).isEqualTo(member.memberId());
            assertThat(m.clientHost()).isEqualTo("/127.0.0.1");
            assertThat(m.metadata()).isEqualTo(bytes("range-metadata"));
            assertThat(m.assignment()).isEqualTo(bytes("assignment-" + member.memberId()));
        });
        assertThat(coordinator.describeGroup("nope").error()).isEqualTo(Errors.GROUP_ID_NOT_FOUND);
    }

    @Test
    void onlyEmptyGroupsCanBeDeletedAndTheirOffsetsGoWithThem() {
        fx.stableSingleMemberGroup(GROUP);
        commit("tools", "", -1);

        Map<String, Errors> result = await(coordinator.deleteGroups(List.of(GROUP, "tools", "nope")));

        assertThat(result).containsExactly(Map.entry(GROUP, Errors.NON_EMPTY_GROUP), Map.entry("tools", Errors.NONE),
            Map.entry("nope", Errors.GROUP_ID_NOT_FOUND));
        assertThat(coordinator.fetchOffsets("tools", null).offsets()).isEmpty();
        assertThat(coordinator.describeGroup("tools").error()).isEqualTo(Errors.GROUP_ID_NOT_FOUND);
    }

    @Test
    void theOffsetsPartitionOfAGroupFollowsKafkasRule() {
        assertThat(coordinator.partitionFor(GROUP)).isEqualTo(Math.abs(GROUP.hashCode()) % 4);
        // "polygenelubricants".hashCode() == Integer.MIN_VALUE: Kafka maps it to 0, not to a negative partition.
        assertThat("polygenelubricants".hashCode()).isEqualTo(Integer.MIN_VALUE);
        assertThat(coordinator.partitionFor("polygenelubricants")).isZero();
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private Errors commit(String groupId, String memberId, int generation) {
        Map<TopicPartition, Errors> result = await(coordinator.commitOffsets(new GroupCoordinator.CommitRequest(
            groupId, memberId, null, generation, Map.of(TP0, offset(10, -1, "")))));
        return result.get(TP0);
    }

    private static OffsetAndMetadata offset(long offset, int epoch, String metadata) {
        return new OffsetAndMetadata(offset, epoch < 0 ? Optional.empty() : Optional.of(epoch), metadata, -1);
    }

    private static GroupCoordinator.JoinRequest withKnownIdNotRequired(GroupCoordinator.JoinRequest request) {
        return new GroupCoordinator.JoinRequest(request.groupId(), request.memberId(), request.groupInstanceId(),
            request.clientId(), request.clientHost(), request.sessionTimeoutMs(), request.rebalanceTimeoutMs(),
            request.protocolType(), request.protocols(), false);
    }
}
