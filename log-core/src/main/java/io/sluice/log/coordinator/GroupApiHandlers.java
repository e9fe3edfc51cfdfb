package io.sluice.log.coordinator;

import io.sluice.log.server.ApiHandler;
import io.sluice.log.server.RequestContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
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
import org.apache.kafka.common.requests.SyncGroupRequest;
import org.apache.kafka.common.requests.SyncGroupResponse;

/**
 * The Kafka API adapters of the {@link GroupCoordinator}: each turns a request's {@code *RequestData} into a
 * coordinator call and the result into {@code *ResponseData}, and nothing else (no group logic here). Stateless
 * and thread-safe. Versions are kafka-clients' full range except OffsetCommit and OffsetFetch, capped at 9:
 * version 10 names topics by id, which needs the broker's topic metadata.
 */
final class GroupApiHandlers {
    private static final byte GROUP_KEY_TYPE = 0;
    private static final byte TRANSACTION_KEY_TYPE = 1;
    private static final String CLASSIC_GROUP_TYPE = "classic";

    private GroupApiHandlers() {
    }

    static List<ApiHandler> all(GroupCoordinator coordinator, Supplier<Node> self) {
        return List.of(new FindCoordinator(self), new JoinGroup(coordinator), new SyncGroup(coordinator),
            new Heartbeat(coordinator), new LeaveGroup(coordinator), new OffsetCommit(coordinator),
            new OffsetFetch(coordinator), new ListGroups(coordinator), new DescribeGroups(coordinator),
            new DeleteGroups(coordinator));
    }

    private static String clientHost(RequestContext context) {
        // Kafka reports InetAddress.toString(), e.g. "/127.0.0.1"; tools display it as is.
        return context.clientAddress() == null ? "" : context.clientAddress().toString();
    }

    /** FindCoordinator: this broker coordinates every group; transactions and share groups are not supported. */
    static final class FindCoordinator implements ApiHandler {
        private final Supplier<Node> self;

        FindCoordinator(Supplier<Node> self) {
            this.self = self;
        }

        @Override
        public ApiKeys apiKey() {
            return ApiKeys.FIND_COORDINATOR;
        }

        @Override
        public CompletableFuture<FindCoordinatorResponse> handle(RequestContext context, AbstractRequest request) {
            var data = ((FindCoordinatorRequest) request).data();
            Node node = self.get();
            FindCoordinatorResponseData response = new FindCoordinatorResponseData();
            if (context.apiVersion() >= 4) {
                for (String key : data.coordinatorKeys()) {
                    Errors error = errorFor(data.keyType(), key);
                    boolean ok = error == Errors.NONE;
                    response.coordinators().add(new FindCoordinatorResponseData.Coordinator()
                        .setKey(key).setErrorCode(error.code()).setErrorMessage(ok ? null : error.message())
                        .setNodeId(ok ? node.id() : -1).setHost(ok ? node.host() : "").setPort(ok ? node.port() : -1));
                }
            } else {
                Errors error = errorFor(data.keyType(), data.key());
                boolean ok = error == Errors.NONE;
                response.setErrorCode(error.code()).setErrorMessage(ok ? null : error.message())
                    .setNodeId(ok ? node.id() : -1).setHost(ok ? node.host() : "").setPort(ok ? node.port() : -1);
            }
            return CompletableFuture.completedFuture(new FindCoordinatorResponse(response));
        }

        private static Errors errorFor(byte keyType, String key) {
            if (keyType == GROUP_KEY_TYPE) {
                return key == null ? Errors.INVALID_REQUEST : Errors.NONE;
            }
            // No transaction coordinator yet: "not available" keeps a transactional producer retrying rather than
            // failing on a request it considers malformed. Share groups (KIP-932) are simply invalid here.
            return keyType == TRANSACTION_KEY_TYPE ? Errors.COORDINATOR_NOT_AVAILABLE : Errors.INVALID_REQUEST;
        }
    }

    static final class JoinGroup implements ApiHandler {
        private final GroupCoordinator coordinator;

        JoinGroup(GroupCoordinator coordinator) {
            this.coordinator = coordinator;
        }

        @Override
        public ApiKeys apiKey() {
            return ApiKeys.JOIN_GROUP;
        }

        @Override
        public CompletableFuture<JoinGroupResponse> handle(RequestContext context, AbstractRequest request) {
            JoinGroupRequestData data = ((JoinGroupRequest) request).data();
            short version = context.apiVersion();
            List<GroupCoordinator.Protocol> protocols = new ArrayList<>();
            data.protocols().forEach(p -> protocols.add(new GroupCoordinator.Protocol(p.name(), p.metadata())));
            GroupCoordinator.JoinRequest join = new GroupCoordinator.JoinRequest(data.groupId(), data.memberId(),
                data.groupInstanceId(), context.clientId(), clientHost(context), data.sessionTimeoutMs(),
                data.rebalanceTimeoutMs(), data.protocolType(), protocols, version >= 4);
            return coordinator.joinGroup(join).thenApply(result -> {
                JoinGroupResponseData response = new JoinGroupResponseData()
                    .setErrorCode(result.error().code())
                    .setGenerationId(result.generationId())
                    .setMemberId(result.memberId())
                    .setLeader(result.leaderId() == null ? "" : result.leaderId())
                    .setProtocolName(result.protocolName() == null && version < 7 ? "" : result.protocolName());
                if (version >= 7) {
                    response.setProtocolType(result.protocolType());
                }
                if (version >= 9) {
                    response.setSkipAssignment(result.skipAssignment());
                }
                for (GroupCoordinator.JoinedMember member : result.members()) {
                    response.members().add(new JoinGroupResponseData.JoinGroupResponseMember()
                        .setMemberId(member.memberId()).setGroupInstanceId(member.groupInstanceId())
                        .setMetadata(member.metadata()));
                }
                return new JoinGroupResponse(response, version);
            });
        }
    }

    static final class SyncGroup implements ApiHandler {
        private final GroupCoordinator coordinator;

        SyncGroup(GroupCoordinator coordinator) {
            this.coordinator = coordinator;
        }

        @Override
        public ApiKeys apiKey() {
            return ApiKeys.SYNC_GROUP;
        }

        @Override
        public CompletableFuture<SyncGroupResponse> handle(RequestContext context, AbstractRequest request) {
            SyncGroupRequestData data = ((SyncGroupRequest) request).data();
            Map<String, byte[]> assignments = new HashMap<>();
            data.assignments().forEach(a -> assignments.put(a.memberId(), a.assignment()));
            GroupCoordinator.SyncRequest sync = new GroupCoordinator.SyncRequest(data.groupId(), data.memberId(),
                data.groupInstanceId(), data.generationId(), data.protocolType(), data.protocolName(), assignments);
            return coordinator.syncGroup(sync).thenApply(result -> new SyncGroupResponse(new SyncGroupResponseData()
                .setErrorCode(result.error().code())
                .setProtocolType(result.protocolType())
                .setProtocolName(result.protocolName())
                .setAssignment(result.assignment())));
        }
    }

    static final class Heartbeat implements ApiHandler {
        private final GroupCoordinator coordinator;

        Heartbeat(GroupCoordinator coordinator) {
            this.coordinator = coordinator;
        }

        @Override
        public ApiKeys apiKey() {
            return ApiKeys.HEARTBEAT;
        }

        @Override
        public CompletableFuture<HeartbeatResponse> handle(RequestContext context, AbstractRequest request) {
            HeartbeatRequestData data = ((HeartbeatRequest) request).data();
            Errors error = coordinator.heartbeat(data.groupId(), data.memberId(), data.groupInstanceId(),
                data.generationId());
            return CompletableFuture.completedFuture(
                new HeartbeatResponse(new HeartbeatResponseData().setErrorCode(error.code())));
        }
    }

    static final class LeaveGroup implements ApiHandler {
        private final GroupCoordinator coordinator;

        LeaveGroup(GroupCoordinator coordinator) {
            this.coordinator = coordinator;
        }

        @Override
        public ApiKeys apiKey() {
            return ApiKeys.LEAVE_GROUP;
        }

        @Override
        public CompletableFuture<LeaveGroupResponse> handle(RequestContext context, AbstractRequest request) {
            LeaveGroupRequest leave = (LeaveGroupRequest) request;
            // members() presents v0-2's single member id as a one-member batch.
            List<LeaveGroupRequestData.MemberIdentity> identities = leave.members();
            List<GroupCoordinator.LeavingMember> leaving = identities.stream()
                .map(m -> new GroupCoordinator.LeavingMember(m.memberId(), m.groupInstanceId())).toList();
            GroupCoordinator.LeaveResult result = coordinator.leaveGroup(leave.data().groupId(), leaving);
            List<LeaveGroupResponseData.MemberResponse> members = new ArrayList<>();
            for (int i = 0; i < result.memberErrors().size(); i++) {
                members.add(new LeaveGroupResponseData.MemberResponse()
                    .setMemberId(identities.get(i).memberId())
                    .setGroupInstanceId(identities.get(i).groupInstanceId())
                    .setErrorCode(result.memberErrors().get(i).code()));
            }
            // This constructor folds a v0-2 member's error into the top-level error, as those versions expect.
            return CompletableFuture.completedFuture(
                new LeaveGroupResponse(members, result.error(), 0, context.apiVersion()));
        }
    }

    static final class OffsetCommit implements ApiHandler {
        private final GroupCoordinator coordinator;

        OffsetCommit(GroupCoordinator coordinator) {
            this.coordinator = coordinator;
        }

        @Override
        public ApiKeys apiKey() {
            return ApiKeys.OFFSET_COMMIT;
        }

        @Override
        public short latestVersion() {
            return 9;
        }

        @Override
        public CompletableFuture<OffsetCommitResponse> handle(RequestContext context, AbstractRequest request) {
            OffsetCommitRequestData data = ((OffsetCommitRequest) request).data();
            short version = context.apiVersion();
            Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
            for (OffsetCommitRequestData.OffsetCommitRequestTopic topic : data.topics()) {
                for (OffsetCommitRequestData.OffsetCommitRequestPartition partition : topic.partitions()) {
                    int epoch = partition.committedLeaderEpoch();
                    offsets.put(new TopicPartition(topic.name(), partition.partitionIndex()),
                        new OffsetAndMetadata(partition.committedOffset(),
                            epoch < 0 ? Optional.empty() : Optional.of(epoch), partition.committedMetadata(), -1L));
                }
            }
            GroupCoordinator.CommitRequest commit = new GroupCoordinator.CommitRequest(data.groupId(),
                data.memberId(), data.groupInstanceId(), data.generationIdOrMemberEpoch(), offsets);
            return coordinator.commitOffsets(commit).thenApply(errors -> {
                OffsetCommitResponseData response = new OffsetCommitResponseData();
                Map<String, OffsetCommitResponseData.OffsetCommitResponseTopic> topics = new LinkedHashMap<>();
                errors.forEach((tp, error) -> {
                    // Before v9 a commit to an unknown group answers ILLEGAL_GENERATION (the classic behaviour).
                    Errors wire = error == Errors.GROUP_ID_NOT_FOUND && version < 9 ? Errors.ILLEGAL_GENERATION
                        : error;
                    topics.computeIfAbsent(tp.topic(), name -> {
                        var topic = new OffsetCommitResponseData.OffsetCommitResponseTopic().setName(name);
                        response.topics().add(topic);
                        return topic;
                    }).partitions().add(new OffsetCommitResponseData.OffsetCommitResponsePartition()
                        .setPartitionIndex(tp.partition()).setErrorCode(wire.code()));
                });
                return new OffsetCommitResponse(response);
            });
        }
    }

    static final class OffsetFetch implements ApiHandler {
        private final GroupCoordinator coordinator;

        OffsetFetch(GroupCoordinator coordinator) {
            this.coordinator = coordinator;
        }

        @Override
        public ApiKeys apiKey() {
            return ApiKeys.OFFSET_FETCH;
        }

        @Override
        public short latestVersion() {
            return 9;
        }

        @Override
        public CompletableFuture<OffsetFetchResponse> handle(RequestContext context, AbstractRequest request) {
            OffsetFetchRequestData data = ((OffsetFetchRequest) request).data();
            short version = context.apiVersion();
            List<OffsetFetchResponseData.OffsetFetchResponseGroup> groups = new ArrayList<>();
            if (version >= 8) {
                for (OffsetFetchRequestData.OffsetFetchRequestGroup group : data.groups()) {
                    List<TopicPartition> partitions = null;
                    if (group.topics() != null) {
                        partitions = new ArrayList<>();
                        for (OffsetFetchRequestData.OffsetFetchRequestTopics topic : group.topics()) {
                            for (int partition : topic.partitionIndexes()) {
                                partitions.add(new TopicPartition(topic.name(), partition));
                            }
                        }
                    }
                    groups.add(fetch(group.groupId(), partitions));
                }
            } else {
                List<TopicPartition> partitions = null;
                if (data.topics() != null) {
                    partitions = new ArrayList<>();
                    for (OffsetFetchRequestData.OffsetFetchRequestTopic topic : data.topics()) {
                        for (int partition : topic.partitionIndexes()) {
                            partitions.add(new TopicPartition(topic.name(), partition));
                        }
                    }
                }
                groups.add(fetch(data.groupId(), partitions));
            }
            // The builder writes the single-group (pre-v8) layout itself when the version needs it.
            return CompletableFuture.completedFuture(new OffsetFetchResponse.Builder(groups).build(version));
        }

        private OffsetFetchResponseData.OffsetFetchResponseGroup fetch(String groupId, List<TopicPartition> wanted) {
            GroupCoordinator.FetchedOffsets fetched = coordinator.fetchOffsets(groupId, wanted);
            OffsetFetchResponseData.OffsetFetchResponseGroup group = new OffsetFetchResponseData.OffsetFetchResponseGroup()
                .setGroupId(groupId).setErrorCode(fetched.error().code());
            if (fetched.error() != Errors.NONE) {
                return group;
            }
            Map<String, OffsetFetchResponseData.OffsetFetchResponseTopics> topics = new LinkedHashMap<>();
            List<TopicPartition> partitions = wanted != null ? wanted : List.copyOf(fetched.offsets().keySet());
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata offset = fetched.offsets().get(tp);
                topics.computeIfAbsent(tp.topic(), name -> {
                    var topic = new OffsetFetchResponseData.OffsetFetchResponseTopics().setName(name);
                    group.topics().add(topic);
                    return topic;
                }).partitions().add(new OffsetFetchResponseData.OffsetFetchResponsePartitions()
                    .setPartitionIndex(tp.partition())
                    // No committed offset: -1 and empty metadata, as Kafka answers.
                    .setCommittedOffset(offset == null ? -1L : offset.offset())
                    .setCommittedLeaderEpoch(offset == null ? -1 : offset.leaderEpochOrNone())
                    .setMetadata(offset == null ? "" : offset.metadata())
                    .setErrorCode(Errors.NONE.code()));
            }
            return group;
        }
    }

    static final class ListGroups implements ApiHandler {
        private final GroupCoordinator coordinator;

        ListGroups(GroupCoordinator coordinator) {
            this.coordinator = coordinator;
        }

        @Override
        public ApiKeys apiKey() {
            return ApiKeys.LIST_GROUPS;
        }

        @Override
        public CompletableFuture<ListGroupsResponse> handle(RequestContext context, AbstractRequest request) {
            ListGroupsRequestData data = ((ListGroupsRequest) request).data();
            short version = context.apiVersion();
            ListGroupsResponseData response = new ListGroupsResponseData();
            boolean typeMatches = data.typesFilter().isEmpty() || data.typesFilter().stream()
                .anyMatch(type -> type.toLowerCase(Locale.ROOT).equals(CLASSIC_GROUP_TYPE));
            Set<GroupState> states = EnumSet.noneOf(GroupState.class);
            data.statesFilter().forEach(name -> GroupState.fromWireName(name).ifPresent(states::add));
            boolean stateFilterMatchesNothing = !data.statesFilter().isEmpty() && states.isEmpty();
            if (typeMatches && !stateFilterMatchesNothing) {
                for (GroupCoordinator.GroupListing listing : coordinator.listGroups(states)) {
                    ListGroupsResponseData.ListedGroup group = new ListGroupsResponseData.ListedGroup()
                        .setGroupId(listing.groupId()).setProtocolType(listing.protocolType());
                    if (version >= 4) {
                        group.setGroupState(listing.state().wireName());
                    }
                    if (version >= 5) {
                        group.setGroupType(CLASSIC_GROUP_TYPE);
                    }
                    response.groups().add(group);
                }
            }
            return CompletableFuture.completedFuture(new ListGroupsResponse(response));
        }
    }

    static final class DescribeGroups implements ApiHandler {
        private final GroupCoordinator coordinator;

        DescribeGroups(GroupCoordinator coordinator) {
            this.coordinator = coordinator;
        }

        @Override
        public ApiKeys apiKey() {
            return ApiKeys.DESCRIBE_GROUPS;
        }

        @Override
        public CompletableFuture<DescribeGroupsResponse> handle(RequestContext context, AbstractRequest request) {
            DescribeGroupsRequest describe = (DescribeGroupsRequest) request;
            short version = context.apiVersion();
            DescribeGroupsResponseData response = new DescribeGroupsResponseData();
            for (String groupId : describe.data().groups()) {
                GroupCoordinator.GroupDescription description = coordinator.describeGroup(groupId);
                DescribeGroupsResponseData.DescribedGroup group = new DescribeGroupsResponseData.DescribedGroup()
                    .setGroupId(groupId).setGroupState(description.state().wireName())
                    .setProtocolType(description.protocolType()).setProtocolData(description.protocolName());
                if (description.error() == Errors.GROUP_ID_NOT_FOUND) {
                    // KIP-1043: from v6 an unknown group is an error; before, it is described as Dead.
                    if (version >= 6) {
                        group.setErrorCode(Errors.GROUP_ID_NOT_FOUND.code())
                            .setErrorMessage("Group " + groupId + " not found.");
                    }
                } else {
                    group.setErrorCode(description.error().code());
                }
                for (GroupCoordinator.MemberDescription member : description.members()) {
                    group.members().add(new DescribeGroupsResponseData.DescribedGroupMember()
                        .setMemberId(member.memberId()).setGroupInstanceId(member.groupInstanceId())
                        .setClientId(member.clientId()).setClientHost(member.clientHost())
                        .setMemberMetadata(member.metadata()).setMemberAssignment(member.assignment()));
                }
                response.groups().add(group);
            }
            return CompletableFuture.completedFuture(new DescribeGroupsResponse(response));
        }
    }

    static final class DeleteGroups implements ApiHandler {
        private final GroupCoordinator coordinator;

        DeleteGroups(GroupCoordinator coordinator) {
            this.coordinator = coordinator;
        }

        @Override
        public ApiKeys apiKey() {
            return ApiKeys.DELETE_GROUPS;
        }

        @Override
        public CompletableFuture<DeleteGroupsResponse> handle(RequestContext context, AbstractRequest request) {
            List<String> groupIds = ((DeleteGroupsRequest) request).data().groupsNames();
            return coordinator.deleteGroups(groupIds).thenApply(errors -> {
                DeleteGroupsResponseData.DeletableGroupResultCollection results =
                    new DeleteGroupsResponseData.DeletableGroupResultCollection();
                errors.forEach((groupId, error) -> results.add(new DeleteGroupsResponseData.DeletableGroupResult()
                    .setGroupId(groupId).setErrorCode(error.code())));
                return new DeleteGroupsResponse(new DeleteGroupsResponseData().setResults(results));
            });
        }
    }
}
