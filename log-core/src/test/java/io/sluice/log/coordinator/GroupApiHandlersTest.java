package io.sluice.log.coordinator;

import static io.sluice.log.coordinator.CoordinatorFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.log.server.ApiHandler;
import io.sluice.log.server.RequestContext;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DeleteGroupsRequest;
import org.apache.kafka.common.requests.DeleteGroupsResponse;
import org.apache.kafka.common.requests.DescribeGroupsRequest;
import org.apache.kafka.common.requests.DescribeGroupsResponse;
import org.apache.kafka.common.requests.FindCoordinatorRequest;
import org.apache.kafka.common.requests.FindCoordinatorResponse;
import org.apache.kafka.common.requests.HeartbeatRequest;
import org.apache.kafka.common.requests.HeartbeatResponse;
import org.apache.kafka.common.requests.JoinGroupRequest;
import org.apache.kafka.common.requests.JoinGroupResponse;
import org.apache.kafka.common.requests.LeaveGroupRequest;
import org.apache.kafka.common.requests.LeaveGroupResponse;
import org.apache.kafka.common.requests.ListGroupsRequest;
import org.apache.kafka.common.requests.ListGroupsResponse;
import org.apache.kafka.common.requests.OffsetCommitRequest;
import org.apache.kafka.common.requests.OffsetCommitResponse;
import org.apache.kafka.common.requests.OffsetFetchRequest;
import org.apache.kafka.common.requests.OffsetFetchResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.SyncGroupRequest;
import org.apache.kafka.common.requests.SyncGroupResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka API adapters, with kafka-clients' own request classes; every response is also written and parsed
 * back at the request's version, so a field a version cannot carry fails here rather than on a client's socket.
 */
class GroupApiHandlersTest {
    private static final Node SELF = new Node(7, "broker-7.local", 9192);
    private static final String GROUP = "analytics";

    @TempDir
    Path dir;
    private CoordinatorFixture fx;
    private Map<ApiKeys, ApiHandler> handlers;

    @BeforeEach
    void open() {
        fx = new CoordinatorFixture(dir);
        handlers = fx.coordinator.handlers(() -> SELF).stream()
            .collect(Collectors.toMap(ApiHandler::apiKey, Function.identity()));
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void everyGroupApiHasAHandlerAndOffsetApisStopBeforeTopicIds() {
        assertThat(handlers).containsOnlyKeys(ApiKeys.FIND_COORDINATOR, ApiKeys.JOIN_GROUP, ApiKeys.SYNC_GROUP,
            ApiKeys.HEARTBEAT, ApiKeys.LEAVE_GROUP, ApiKeys.OFFSET_COMMIT, ApiKeys.OFFSET_FETCH,
            ApiKeys.LIST_GROUPS, ApiKeys.DESCRIBE_GROUPS, ApiKeys.DELETE_GROUPS);
        assertThat(handlers.get(ApiKeys.OFFSET_COMMIT).latestVersion()).isEqualTo((short) 9);
        assertThat(handlers.get(ApiKeys.OFFSET_FETCH).latestVersion()).isEqualTo((short) 9);
        assertThat(handlers.get(ApiKeys.JOIN_GROUP).latestVersion()).isEqualTo(ApiKeys.JOIN_GROUP.latestVersion());
    }

    @Test
    void findCoordinatorAnswersThisBrokerForGroupsInTheSingleAndBatchedForms() {
        FindCoordinatorResponse single = call(ApiKeys.FIND_COORDINATOR, 3, new FindCoordinatorRequest.Builder(
            new FindCoordinatorRequestData().setKey(GROUP).setKeyType((byte) 0)));
        FindCoordinatorResponse batched = call(ApiKeys.FIND_COORDINATOR, 4, new FindCoordinatorRequest.Builder(
            new FindCoordinatorRequestData().setCoordinatorKeys(List.of("a", "b")).setKeyType((byte) 0)));
        FindCoordinatorResponse transactions = call(ApiKeys.FIND_COORDINATOR, 6, new FindCoordinatorRequest.Builder(
            new FindCoordinatorRequestData().setCoordinatorKeys(List.of("tx")).setKeyType((byte) 1)));

        assertThat(single.error()).isEqualTo(Errors.NONE);
        assertThat(single.node()).isEqualTo(SELF);
        assertThat(batched.coordinators()).extracting(c -> c.key() + "@" + c.nodeId() + ":" + c.port())
            .containsExactly("a@7:9192", "b@7:9192");
        assertThat(transactions.coordinators()).singleElement()
            .satisfies(c -> assertThat(c.errorCode()).isEqualTo(Errors.COORDINATOR_NOT_AVAILABLE.code()));
    }

    @Test
    void aConsumerSessionThroughTheHandlersFromJoinToDelete() {
        JoinGroupRequestData joinData = new JoinGroupRequestData().setGroupId(GROUP).setMemberId("")
            .setSessionTimeoutMs(10_000).setRebalanceTimeoutMs(30_000).setProtocolType("consumer");
        joinData.protocols().add(new JoinGroupRequestData.JoinGroupRequestProtocol().setName("range")
            .setMetadata(new byte[] {1}));
        JoinGroupResponse first = call(ApiKeys.JOIN_GROUP, 9, new JoinGroupRequest.Builder(joinData));
        assertThat(first.error()).isEqualTo(Errors.MEMBER_ID_REQUIRED);
        String memberId = first.data().memberId();

        CompletableFuture<JoinGroupResponse> pending = callAsync(ApiKeys.JOIN_GROUP, 9,
            new JoinGroupRequest.Builder(joinData.duplicate().setMemberId(memberId)));
        fx.timer.advance(CoordinatorFixture.INITIAL_DELAY_MS);
        JoinGroupResponse joined = roundTrip(await(pending), 9);
        assertThat(joined.isLeader()).isTrue();
        assertThat(joined.data().generationId()).isEqualTo(1);
        assertThat(joined.data().protocolName()).isEqualTo("range");
        assertThat(joined.data().members()).singleElement()
            .satisfies(m -> assertThat(m.metadata()).containsExactly(1));

        SyncGroupRequestData syncData = new SyncGroupRequestData().setGroupId(GROUP).setMemberId(memberId)
            .setGenerationId(1).setProtocolType("consumer").setProtocolName("range")
            .setAssignments(List.of(new SyncGroupRequestData.SyncGroupRequestAssignment().setMemberId(memberId)
                .setAssignment(new byte[] {9})));
        SyncGroupResponse synced = call(ApiKeys.SYNC_GROUP, 5, new SyncGroupRequest.Builder(syncData));
        assertThat(synced.data().assignment()).containsExactly(9);

        HeartbeatResponse heartbeat = call(ApiKeys.HEARTBEAT, 4, new HeartbeatRequest.Builder(
            new HeartbeatRequestData().setGroupId(GROUP).setMemberId(memberId).setGenerationId(1)));
        assertThat(heartbeat.error()).isEqualTo(Errors.NONE);

        OffsetCommitRequestData commitData = new OffsetCommitRequestData().setGroupId(GROUP).setMemberId(memberId)
            .setGenerationIdOrMemberEpoch(1).setTopics(List.of(new OffsetCommitRequestData.OffsetCommitRequestTopic()
                .setName("clicks").setPartitions(List.of(new OffsetCommitRequestData.OffsetCommitRequestPartition()
                    .setPartitionIndex(2).setCommittedOffset(55).setCommittedLeaderEpoch(4)
                    .setCommittedMetadata("m")))));
        OffsetCommitResponse committed = call(ApiKeys.OFFSET_COMMIT, 9,
            OffsetCommitRequest.Builder.forTopicNames(commitData));
        assertThat(committed.data().topics()).singleElement().satisfies(t -> assertThat(t.partitions())
            .singleElement().satisfies(p -> assertThat(p.errorCode()).isEqualTo(Errors.NONE.code())));

        // v8+: several groups in one request; null topics = all of the group's offsets.
        OffsetFetchRequestData fetchAll = new OffsetFetchRequestData().setGroups(List.of(
            new OffsetFetchRequestData.OffsetFetchRequestGroup().setGroupId(GROUP).setTopics(null),
            new OffsetFetchRequestData.OffsetFetchRequestGroup().setGroupId("other").setTopics(List.of(
                new OffsetFetchRequestData.OffsetFetchRequestTopics().setName("clicks")
                    .setPartitionIndexes(List.of(0))))));
        OffsetFetchResponse fetched = call(ApiKeys.OFFSET_FETCH, 9,
            OffsetFetchRequest.Builder.forTopicNames(fetchAll, false));
        assertThat(fetched.group(GROUP).topics()).singleElement().satisfies(t -> assertThat(t.partitions())
            .singleElement().satisfies(p -> {
                assertThat(p.committedOffset()).isEqualTo(55);
                assertThat(p.committedLeaderEpoch()).isEqualTo(4);
                assertThat(p.metadata()).isEqualTo("m");
            }));
        assertThat(fetched.group("other").topics().get(0).partitions().get(0).committedOffset()).isEqualTo(-1);

        // v7: the single-group form.
        OffsetFetchRequestData fetchOne = new OffsetFetchRequestData().setGroupId(GROUP).setTopics(List.of(
            new OffsetFetchRequestData.OffsetFetchRequestTopic().setName("clicks").setPartitionIndexes(List.of(2))));
        OffsetFetchResponse fetchedOld = call(ApiKeys.OFFSET_FETCH, 7,
            OffsetFetchRequest.Builder.forTopicNames(fetchOne, false));
        assertThat(fetchedOld.data().topics().get(0).partitions().get(0).committedOffset()).isEqualTo(55);

        DescribeGroupsResponse described = call(ApiKeys.DESCRIBE_GROUPS, 5, new DescribeGroupsRequest.Builder(
            new DescribeGroupsRequestData().setGroups(List.of(GROUP))));
        assertThat(described.data().groups()).singleElement().satisfies(g -> {
            assertThat(g.groupState()).isEqualTo("Stable");
            assertThat(g.members()).singleElement()
                .satisfies(m -> assertThat(m.memberAssignment()).containsExactly(9));
        });

        ListGroupsResponse listed = call(ApiKeys.LIST_GROUPS, 5, new ListGroupsRequest.Builder(
            new ListGroupsRequestData().setStatesFilter(List.of("stable"))));
        assertThat(listed.data().groups()).singleElement().satisfies(g -> {
            assertThat(g.groupId()).isEqualTo(GROUP);
            assertThat(g.groupState()).isEqualTo("Stable");
            assertThat(g.groupType()).isEqualTo("classic");
        });

        LeaveGroupResponse left = call(ApiKeys.LEAVE_GROUP, 5, new LeaveGroupRequest.Builder(GROUP, List.of(
            new LeaveGroupRequestData.MemberIdentity().setMemberId(memberId))));
        assertThat(left.topLevelError()).isEqualTo(Errors.NONE);
        assertThat(left.memberResponses()).singleElement()
            .satisfies(m -> assertThat(m.errorCode()).isEqualTo(Errors.NONE.code()));

        DeleteGroupsResponse deleted = call(ApiKeys.DELETE_GROUPS, 2, new DeleteGroupsRequest.Builder(
            new DeleteGroupsRequestData().setGroupsNames(List.of(GROUP))));
        assertThat(deleted.get(GROUP)).isEqualTo(Errors.NONE);
    }

    @Test
    void olderVersionsGetTheErrorsTheyKnow() {
        OffsetCommitRequestData commitData = new OffsetCommitRequestData().setGroupId("ghost").setMemberId("m")
            .setGenerationIdOrMemberEpoch(3).setTopics(List.of(new OffsetCommitRequestData.OffsetCommitRequestTopic()
                .setName("t").setPartitions(List.of(new OffsetCommitRequestData.OffsetCommitRequestPartition()
                    .setPartitionIndex(0).setCommittedOffset(1)))));
        OffsetCommitResponse v7 = call(ApiKeys.OFFSET_COMMIT, 7, OffsetCommitRequest.Builder.forTopicNames(commitData));
        OffsetCommitResponse v9 = call(ApiKeys.OFFSET_COMMIT, 9, OffsetCommitRequest.Builder.forTopicNames(commitData));
        assertThat(v7.data().topics().get(0).partitions().get(0).errorCode())
            .isEqualTo(Errors.ILLEGAL_GENERATION.code());
        assertThat(v9.data().topics().get(0).partitions().get(0).errorCode())
            .isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());

        DescribeGroupsRequestData describe = new DescribeGroupsRequestData().setGroups(List.of("ghost"));
        DescribeGroupsResponse d5 = call(ApiKeys.DESCRIBE_GROUPS, 5, new DescribeGroupsRequest.Builder(describe));
        DescribeGroupsResponse d6 = call(ApiKeys.DESCRIBE_GROUPS, 6, new DescribeGroupsRequest.Builder(describe));
        assertThat(d5.data().groups().get(0).errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(d5.data().groups().get(0).groupState()).isEqualTo("Dead");
        assertThat(d6.data().groups().get(0).errorCode()).isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());

        LeaveGroupResponse leave = call(ApiKeys.LEAVE_GROUP, 1, new LeaveGroupRequest.Builder("ghost", List.of(
            new LeaveGroupRequestData.MemberIdentity().setMemberId("m"))));
        assertThat(leave.error()).isEqualTo(Errors.UNKNOWN_MEMBER_ID);

        JoinGroupRequestData join = new JoinGroupRequestData().setGroupId(GROUP).setMemberId("")
            .setSessionTimeoutMs(10_000).setProtocolType("consumer");
        join.protocols().add(new JoinGroupRequestData.JoinGroupRequestProtocol().setName("range")
            .setMetadata(new byte[0]));
        CompletableFuture<JoinGroupResponse> v3 = callAsync(ApiKeys.JOIN_GROUP, 3, new JoinGroupRequest.Builder(join));
        // Before v4 there is no MEMBER_ID_REQUIRED round trip: the member joins at once.
        fx.timer.advance(CoordinatorFixture.INITIAL_DELAY_MS);
        assertThat(roundTrip(await(v3), 3).error()).isEqualTo(Errors.NONE);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private <T extends AbstractResponse> T call(ApiKeys key, int version, AbstractRequest.Builder<?> builder) {
        return roundTrip(await(this.<T>callAsync(key, version, builder)), (short) version);
    }

    @SuppressWarnings("unchecked")
    private <T extends AbstractResponse> CompletableFuture<T> callAsync(ApiKeys key, int version,
                                                                        AbstractRequest.Builder<?> builder) {
        AbstractRequest request = builder.build((short) version);
        RequestContext context = new RequestContext(new RequestHeader(key, (short) version, "client", 1),
            InetAddress.getLoopbackAddress(), "connection-1", fx.timer.time.milliseconds());
        return (CompletableFuture<T>) handlers.get(key).handle(context, request);
    }

    /** Writes the response at {@code version} and parses it back, as a client would see it. */
    @SuppressWarnings("unchecked")
    private static <T extends AbstractResponse> T roundTrip(T response, int version) {
        ApiMessage data = response.data();
        ObjectSerializationCache cache = new ObjectSerializationCache();
        ByteBuffer buffer = ByteBuffer.allocate(data.size(cache, (short) version));
        data.write(new ByteBufferAccessor(buffer), cache, (short) version);
        buffer.flip();
        return (T) AbstractResponse.parseResponse(response.apiKey(), new ByteBufferAccessor(buffer), (short) version);
    }
}
