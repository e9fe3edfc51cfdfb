package io.sluice.log.coordinator;

import io.sluice.log.errors.RecordTooLargeException;
import io.sluice.log.record.Record;
import io.sluice.log.record.RecordBatch;
import io.sluice.log.record.RecordBatchBuilder;
import io.sluice.log.record.RecordBatches;
import io.sluice.log.server.ApiHandler;
import io.sluice.log.storage.AppendOrigin;
import io.sluice.log.storage.AppendResult;
import io.sluice.log.storage.FetchResult;
import io.sluice.log.storage.LogManager;
import io.sluice.log.storage.PartitionLog;
import io.sluice.log.util.Time;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group coordinator for the classic consumer-group protocol (JoinGroup / SyncGroup / Heartbeat / LeaveGroup,
 * KIP-345 static membership, KIP-394 member ids) and the offset store (OffsetCommit / OffsetFetch), for a single
 * broker that coordinates every group. Group metadata and committed offsets are persisted as records in the
 * compacted {@value #OFFSETS_TOPIC} topic (format: {@link OffsetsTopicCodec}); {@link #load()} replays it after a
 * restart. The Kafka API adapters are {@link #handlers(Supplier)}.
 *
 * <h2>Wiring</h2>
 * <pre>{@code
 * GroupCoordinator coordinator = new GroupCoordinator(logManager, 50, Time.SYSTEM,
 *     GroupTimer.of(scheduler), new GroupConfig(brokerProps));
 * coordinator.load();                                   // before serving requests
 * coordinator.handlers(() -> new Node(nodeId, host, port)).forEach(dispatcher::register);
 * ...
 * coordinator.close();                                  // before closing the LogManager
 * }</pre>
 *
 * <h2>Threading</h2>
 * One lock per group: the {@link ClassicGroup}'s monitor guards its members, state and offsets. Request threads,
 * timer threads and the coordinator's own callback thread (which runs what follows a durable append, so the log's
 * flusher threads never wait for a group lock) all take it. Groups live in a concurrent
 * map; a group is created by {@code computeIfAbsent} and removed only by DeleteGroups, which first marks it
 * {@link GroupState#DEAD} under its lock, so a thread that fetched the object before the removal sees Dead and
 * answers COORDINATOR_NOT_AVAILABLE (the client looks up the coordinator again and retries). No thread ever holds
 * two group locks. Appends to {@code __consumer_offsets} happen under the group lock, so one group's records are
 * in the log in the order its state changed (appends of different groups to one partition interleave, which is
 * harmless: records of different groups never share a key). Parked JoinGroup/SyncGroup responses are completed
 * under the lock; the server only writes them to the channel, so completion never re-enters the coordinator.
 * Rejected alternative: one single-threaded executor per offsets partition (Kafka's newer runtime) — it needs a
 * queue hop per request and buys nothing on one broker without replication of the coordinator state.
 *
 * <h2>State machine</h2>
 * <pre>
 *              (first join: initial delay)      (all known members joined, or rebalance timeout:
 *   +-------+  ------------------------->  +--------------------+   laggards removed, generation+1,
 *   | Empty |                              | PreparingRebalance |   protocol selected, leader elected)
 *   +-------+  <-------------------------  +--------------------+  ---------------------------+
 *     |  ^      (join completes with no        ^        ^                                       v
 *     |  |       members: generation+1)        |        | (join, leave, expiry,     +---------------------+
 *     |  |                                     |        |  sync timeout)            | CompletingRebalance |
 *     |  |                                     |        +---------------------------+---------------------+
 *     |  |                                     |  (member join/leave/expiry, leader           |
 *     |  |                                     |   rejoins, changed metadata)                 | leader's SyncGroup
 *     |  |                                     |                                              | stored durably
 *     |  |                                     |             +--------+                       |
 *     |  |                                     +-------------| Stable |  <--------------------+
 *     |  |                                                   +--------+
 *     v  |  DeleteGroups (Empty only)  +------+
 *     +----------------------------->  | Dead |   (removed from the coordinator; never leaves Dead)
 *                                      +------+
 * </pre>
 * Legal transitions are declared in {@link GroupState} and checked on every change.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>The generation only grows, by one per completed join phase (also when it completes with no members).</li>
 *   <li>A member with a parked JoinGroup or SyncGroup response never expires by session timeout: it is waiting for
 *   us. The rebalance timeout bounds the join phase and the sync timeout (the same value) the sync phase.</li>
 *   <li>An OffsetCommit is answered only after its record is durable; the in-memory offset changes at the same
 *   time, and never to a value stored <em>earlier</em> in the log than the one it has (callbacks may race).</li>
 *   <li>A group becomes Stable only after its metadata with the new assignments is durable, so a restarted broker
 *   never forgets an assignment a member was told about.</li>
 * </ul>
 */
public final class GroupCoordinator implements AutoCloseable {
    public static final String OFFSETS_TOPIC = "__consumer_offsets";
    /** What a JoinGroup carries for a member the coordinator has not yet named. */
    public static final String UNKNOWN_MEMBER_ID = "";
    private static final int LOAD_READ_BYTES = 1 << 20;
    private static final byte[] EMPTY_BYTES = new byte[0];
    private static final Logger log = LoggerFactory.getLogger(GroupCoordinator.class);

    private final LogManager logs;
    private final int offsetsPartitions;
    private final Time time;
    private final GroupTimer timer;
    private final GroupConfig config;
    private final ConcurrentHashMap<String, ClassicGroup> groups = new ConcurrentHashMap<>();
    /**
     * Runs durability callbacks. The log completes durable() futures on a flusher thread under its flush lock;
     * taking a group lock there would stall every partition's group commit behind one busy group, so callbacks
     * hop to this thread first.
     */
    private final ExecutorService callbackThread = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "group-coordinator-callbacks");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;

    // ------------------------------------------------------------------------------------------------ API types

    /** A protocol a member offers in JoinGroup (e.g. an assignor name) with its opaque subscription metadata. */
    public record Protocol(String name, byte[] metadata) {
    }

    /**
     * @param memberId            {@link #UNKNOWN_MEMBER_ID} on a first join
     * @param groupInstanceId     null for dynamic members
     * @param rebalanceTimeoutMs  how long the coordinator waits for this member to rejoin during a rebalance
     * @param requireKnownMemberId true from JoinGroup v4 (KIP-394): a first join gets MEMBER_ID_REQUIRED
     */
    public record JoinRequest(String groupId, String memberId, String groupInstanceId, String clientId,
                              String clientHost, int sessionTimeoutMs, int rebalanceTimeoutMs, String protocolType,
                              List<Protocol> protocols, boolean requireKnownMemberId) {
        public JoinRequest {
            protocols = List.copyOf(protocols);
        }
    }

    /** A member as the leader sees it in its JoinGroup response: metadata for the selected protocol. */
    public record JoinedMember(String memberId, String groupInstanceId, byte[] metadata) {
    }

    /** {@code members} is non-empty only for the leader. */
    public record JoinResult(Errors error, String memberId, int generationId, String protocolType,
                             String protocolName, String leaderId, boolean skipAssignment,
                             List<JoinedMember> members) {
        static JoinResult error(Errors error, String memberId) {
            return new JoinResult(error, memberId, -1, null, null, "", false, List.of());
        }
    }

    /** {@code assignments} (member id → bytes) is only read from the leader; protocol fields may be null. */
    public record SyncRequest(String groupId, String memberId, String groupInstanceId, int generationId,
                              String protocolType, String protocolName, Map<String, byte[]> assignments) {
    }

    public record SyncResult(Errors error, String protocolType, String protocolName, byte[] assignment) {
        static SyncResult error(Errors error) {
            return new SyncResult(error, null, null, EMPTY_BYTES);
        }
    }

    /** One member leaving: by member id, by instance id (member id {@link #UNKNOWN_MEMBER_ID}), or both. */
    public record LeavingMember(String memberId, String groupInstanceId) {
    }

    /** A top-level error, or NONE and one error per leaving member in request order. */
    public record LeaveResult(Errors error, List<Errors> memberErrors) {
    }

    /** A simple (non-member) commit has generation -1 and member id {@link #UNKNOWN_MEMBER_ID}. */
    public record CommitRequest(String groupId, String memberId, String groupInstanceId, int generationId,
                                Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    /** Committed offsets found; partitions without one are absent. */
    public record FetchedOffsets(Errors error, Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    public record GroupListing(String groupId, String protocolType, GroupState state) {
    }

    /** Metadata and assignment are empty unless the group is Stable (as Kafka's DescribeGroups). */
    public record MemberDescription(String memberId, String groupInstanceId, String clientId, String clientHost,
                                    byte[] metadata, byte[] assignment) {
    }

    /** {@code error} is GROUP_ID_NOT_FOUND for an unknown group. */
    public record GroupDescription(String groupId, Errors error, GroupState state, String protocolType,
                                   String protocolName, List<MemberDescription> members) {
    }

    // ------------------------------------------------------------------------------------------- construction

    /**
     * @param logs              where {@value #OFFSETS_TOPIC} lives; the broker must configure that topic compacted
     * @param offsetsPartitions partitions of {@value #OFFSETS_TOPIC}; must never change for a data directory, as a
     *                          group's partition is derived from it
     * @param timer             runs timeouts; tests pass a manual one
     */
    public GroupCoordinator(LogManager logs, int offsetsPartitions, Time time, GroupTimer timer, GroupConfig config) {
        if (offsetsPartitions < 1) {
            throw new IllegalArgumentException("offsetsPartitions must be >= 1, got " + offsetsPartitions);
        }
        this.logs = logs;
        this.offsetsPartitions = offsetsPartitions;
        this.time = time;
        this.timer = timer;
        this.config = config;
    }

    /** The Kafka API handlers for this coordinator; {@code self} gives this broker's endpoint for FindCoordinator. */
    public List<ApiHandler> handlers(Supplier<Node> self) {
        return GroupApiHandlers.all(this, self);
    }

    /** The {@value #OFFSETS_TOPIC} partition of a group: Kafka's rule, so tools that compute it agree. */
    public int partitionFor(String groupId) {
        int hash = groupId.hashCode();
        return (hash == Integer.MIN_VALUE ? 0 : Math.abs(hash)) % offsetsPartitions;
    }

    public int offsetsPartitions() {
        return offsetsPartitions;
    }

    // ---------------------------------------------------------------------------------------------------- load

    /**
     * Rebuilds groups and offsets from every existing {@value #OFFSETS_TOPIC} partition. Call once, before serving.
     * Restored members get a fresh session (they must heartbeat within their session timeout, or they expire and
     * the group rebalances); a group stored with members comes back Stable with its generation, one stored without
     * comes back Empty. Records that do not parse are logged and skipped.
     */
    public void load() {
        for (int partition = 0; partition < offsetsPartitions; partition++) {
            Optional<PartitionLog> partitionLog = logs.getLog(offsetsTopicPartition(partition));
            if (partitionLog.isPresent()) {
                loadPartition(partition, partitionLog.get());
            }
        }
        log.info("Loaded {} groups from {}", groups.size(), OFFSETS_TOPIC);
    }

    private void loadPartition(int partition, PartitionLog partitionLog) {
        Map<String, OffsetsTopicCodec.GroupRecord> groupRecords = new LinkedHashMap<>();
        Map<String, Map<TopicPartition, ClassicGroup.CommittedOffset>> offsets = new LinkedHashMap<>();
        int skipped = 0;
        long next = partitionLog.logStartOffset();
        while (next < partitionLog.logEndOffset()) {
            FetchResult fetched = partitionLog.read(next, LOAD_READ_BYTES, true);
            if (fetched.isEmpty()) {
                break;
            }
            ByteBuffer bytes;
            try {
                bytes = fetched.slice().readFully();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + partitionLog.topicPartition() + " at " + next, e);
            }
            long before = next;
            for (RecordBatch batch : RecordBatches.completeBatchesOf(bytes)) {
                if (batch.nextOffset() <= next) {
                    continue;
                }
                if (!batch.isControlBatch()) {
                    try {
                        Iterator<Record> records = batch.records();
                        while (records.hasNext()) {
                            Record record = records.next();
                            if (record.offset() >= next && !replay(record, groupRecords, offsets, partitionLog)) {
                                skipped++;
                            }
                        }
                    } catch (RuntimeException e) {
                        // A batch whose records do not decode: the log validated its CRC, so this is a bug or a
                        // foreign writer; skip the batch rather than refuse to start.
                        log.warn("Skipping unreadable batch at offset {} of {}: {}", batch.baseOffset(),
                            partitionLog.topicPartition(), e.toString());
                        skipped++;
                    }
                }
                next = batch.nextOffset();
            }
            if (next == before) {
                break;
            }
        }
        long now = time.milliseconds();
        Set<String> ids = new LinkedHashSet<>(groupRecords.keySet());
        ids.addAll(offsets.keySet());
        for (String groupId : ids) {
            ClassicGroup group = new ClassicGroup(groupId, partition, now);
            OffsetsTopicCodec.GroupRecord record = groupRecords.get(groupId);
            if (record != null) {
                restore(group, record);
            }
            group.offsets.putAll(offsets.getOrDefault(groupId, Map.of()));
            if (partitionFor(groupId) != partition) {
                log.warn("Group {} found in {}-{} but belongs to partition {}; loading it anyway", groupId,
                    OFFSETS_TOPIC, partition, partitionFor(groupId));
            }
            groups.put(groupId, group);
        }
        if (skipped > 0) {
            log.warn("Skipped {} unreadable records while loading {}", skipped, partitionLog.topicPartition());
        }
    }

    /** Applies one record to the replay state; false (after logging it) when the record does not parse. */
    private static boolean replay(Record record, Map<String, OffsetsTopicCodec.GroupRecord> groupRecords,
                                  Map<String, Map<TopicPartition, ClassicGroup.CommittedOffset>> offsets,
                                  PartitionLog partitionLog) {
        try {
            OffsetsTopicCodec.Key key = OffsetsTopicCodec.decodeKey(record.key());
            ByteBuffer value = record.value();
            if (key.isOffsetKey()) {
                Map<TopicPartition, ClassicGroup.CommittedOffset> groupOffsets =
                    offsets.computeIfAbsent(key.groupId(), id -> new HashMap<>());
                if (value == null) {
                    groupOffsets.remove(key.topicPartition());
                    if (groupOffsets.isEmpty()) {
                        offsets.remove(key.groupId());
                    }
                } else {
                    groupOffsets.put(key.topicPartition(), new ClassicGroup.CommittedOffset(
                        OffsetsTopicCodec.decodeOffsetValue(value), record.offset()));
                }
            } else if (value == null) {
                groupRecords.remove(key.groupId());
            } else {
                groupRecords.put(key.groupId(), OffsetsTopicCodec.decodeGroupValue(value));
            }
            return true;
        } catch (OffsetsTopicCodec.MalformedRecordException e) {
            log.warn("Skipping unreadable record at offset {} of {}: {}", record.offset(),
                partitionLog.topicPartition(), e.getMessage());
            return false;
        }
    }

    private void restore(ClassicGroup group, OffsetsTopicCodec.GroupRecord record) {
        group.protocolType = record.protocolType();
        group.generationId = record.generationId();
        group.stateTimestampMs = record.stateTimestampMs();
        if (record.members().isEmpty() || record.protocolName() == null) {
            return;
        }
        group.protocolName = record.protocolName();
        for (OffsetsTopicCodec.MemberRecord stored : record.members()) {
            GroupMember member = new GroupMember(stored.memberId(), stored.groupInstanceId(), stored.clientId(),
                stored.clientHost(), stored.rebalanceTimeoutMs(), stored.sessionTimeoutMs(),
                List.of(new Protocol(record.protocolName(), stored.subscription())));
            member.assignment = stored.assignment();
            group.add(member);
            startSession(group, member);
        }
        if (record.leaderId() != null && group.members.containsKey(record.leaderId())) {
            group.leaderId = record.leaderId();
        }
        // Loading is not a transition: the group was Stable when it was stored with members.
        group.state = GroupState.STABLE;
    }

    // ----------------------------------------------------------------------------------------------- JoinGroup

    public CompletableFuture<JoinResult> joinGroup(JoinRequest request) {
        String memberId = request.memberId() == null ? UNKNOWN_MEMBER_ID : request.memberId();
        if (request.groupId() == null || request.groupId().isEmpty()) {
            return CompletableFuture.completedFuture(JoinResult.error(Errors.INVALID_GROUP_ID, memberId));
        }
        if (closed) {
            return CompletableFuture.completedFuture(JoinResult.error(Errors.NOT_COORDINATOR, memberId));
        }
        if (request.sessionTimeoutMs() < config.minSessionTimeoutMs
                || request.sessionTimeoutMs() > config.maxSessionTimeoutMs) {
            return CompletableFuture.completedFuture(JoinResult.error(Errors.INVALID_SESSION_TIMEOUT, memberId));
        }
        boolean newMember = memberId.equals(UNKNOWN_MEMBER_ID);
        ClassicGroup group = newMember ? getOrCreateGroup(request.groupId()) : groups.get(request.groupId());
        if (group == null) {
            return CompletableFuture.completedFuture(JoinResult.error(Errors.UNKNOWN_MEMBER_ID, memberId));
        }
        CompletableFuture<JoinResult> response = new CompletableFuture<>();
        synchronized (group) {
            if (group.is(GroupState.DEAD)) {
                response.complete(JoinResult.error(Errors.COORDINATOR_NOT_AVAILABLE, memberId));
            } else if (group.members.size() >= config.maxSize && !group.members.containsKey(memberId)
                    && (request.groupInstanceId() == null
                        || !group.staticMembers.containsKey(request.groupInstanceId()))) {
                group.pendingMembers.remove(memberId);
                response.complete(JoinResult.error(Errors.GROUP_MAX_SIZE_REACHED, memberId));
            } else if (!group.supportsProtocols(request.protocolType(), request.protocols())) {
                response.complete(JoinResult.error(Errors.INCONSISTENT_GROUP_PROTOCOL, memberId));
            } else if (newMember) {
                joinNewMember(group, request, response);
            } else {
                joinKnownMember(group, request, response);
            }
        }
        return response;
    }

    private void joinNewMember(ClassicGroup group, JoinRequest request, CompletableFuture<JoinResult> response) {
        String memberId = request.clientId() + "-" + UUID.randomUUID();
        if (request.groupInstanceId() != null) {
            String existing = group.staticMembers.get(request.groupInstanceId());
            if (existing == null) {
                addMemberAndRebalance(group, request, memberId, response);
            } else {
                rejoinStaticMember(group, group.members.get(existing), request, memberId, response);
            }
        } else if (request.requireKnownMemberId()) {
            // KIP-394: hand out the id first, so a client that times out and retries does not leave a ghost
            // member behind; the id becomes a member only when the client comes back with it.
            group.pendingMembers.add(memberId);
            timer.schedule(request.sessionTimeoutMs(), () -> expirePendingMember(group, memberId));
            response.complete(JoinResult.error(Errors.MEMBER_ID_REQUIRED, memberId));
        } else {
            addMemberAndRebalance(group, request, memberId, response);
        }
    }

    private void expirePendingMember(ClassicGroup group, String memberId) {
        synchronized (group) {
            if (group.pendingMembers.remove(memberId)) {
                log.info("Pending member {} of group {} did not rejoin in its session timeout", memberId,
                    group.groupId);
                tryCompleteJoin(group);
            }
        }
    }

    private void joinKnownMember(ClassicGroup group, JoinRequest request, CompletableFuture<JoinResult> response) {
        String memberId = request.memberId();
        if (group.pendingMembers.remove(memberId)) {
            addMemberAndRebalance(group, request, memberId, response);
            return;
        }
        Errors error = validateMember(group, memberId, request.groupInstanceId());
        if (error != Errors.NONE) {
            response.complete(JoinResult.error(error, memberId));
            return;
        }
        GroupMember member = group.members.get(memberId);
        switch (group.state) {
            case PREPARING_REBALANCE -> updateMemberAndRebalance(group, member, request, response);
            case COMPLETING_REBALANCE -> {
                if (member.sameProtocols(request.protocols())) {
                    // A retry of a join whose response was lost: answer it again.
                    response.complete(currentGeneration(group, member, false));
                } else {
                    updateMemberAndRebalance(group, member, request, response);
                }
            }
            case STABLE -> {
                if (group.isLeader(memberId) || !member.sameProtocols(request.protocols())) {
                    // The leader rejoining means it wants a new assignment (e.g. its metadata changed subscribed
                    // topics' partition counts), so it always triggers a rebalance.
                    updateMemberAndRebalance(group, member, request, response);
                } else {
                    response.complete(currentGeneration(group, member, false));
                }
            }
            default -> response.complete(JoinResult.error(Errors.UNKNOWN_MEMBER_ID, memberId));
        }
    }

    /**
     * KIP-345: a static member rejoining with a new member id (it restarted) takes over its old identity. With
     * unchanged metadata in a Stable group that needs no rebalance; the old member id is fenced from now on.
     */
    private void rejoinStaticMember(ClassicGroup group, GroupMember old, JoinRequest request, String newMemberId,
                                    CompletableFuture<JoinResult> response) {
        boolean unchanged = old.sameProtocols(request.protocols());
        GroupMember member = replaceStaticMember(group, old, newMemberId, request);
        log.info("Static member {} of group {} rejoined as {} (was {})", member.groupInstanceId, group.groupId,
            newMemberId, old.memberId);
        if (group.is(GroupState.STABLE) && unchanged) {
            boolean leader = group.isLeader(newMemberId);
            JoinResult result = currentGeneration(group, member, leader);
            persistGroup(group, Map.of()).whenComplete((offset, failure) -> {
                if (failure != null) {
                    log.warn("Could not store group {} after static member replacement: {}", group.groupId,
                        failure.toString());
                    response.complete(JoinResult.error(Errors.COORDINATOR_NOT_AVAILABLE, newMemberId));
                } else {
                    response.complete(result);
                }
            });
            return;
        }
        member.awaitingJoin = response;
        if (group.is(GroupState.PREPARING_REBALANCE)) {
            tryCompleteJoin(group);
        } else {
            prepareRebalance(group, "static member " + member.groupInstanceId + " rejoined with new metadata");
        }
    }

    private GroupMember replaceStaticMember(ClassicGroup group, GroupMember old, String newMemberId,
                                            JoinRequest request) {
        if (old.awaitingJoin != null) {
            old.awaitingJoin.complete(JoinResult.error(Errors.FENCED_INSTANCE_ID, old.memberId));
            old.awaitingJoin = null;
        }
        if (old.awaitingSync != null) {
            old.awaitingSync.complete(SyncResult.error(Errors.FENCED_INSTANCE_ID));
            old.awaitingSync = null;
        }
        old.heartbeatTimer.cancel();
        GroupMember member = new GroupMember(newMemberId, old.groupInstanceId, request.clientId(),
            request.clientHost(), effectiveRebalanceTimeout(request), request.sessionTimeoutMs(), request.protocols());
        member.assignment = old.assignment;
        boolean leader = group.isLeader(old.memberId);
        group.members.remove(old.memberId);
        group.members.put(newMemberId, member);
        group.staticMembers.put(member.groupInstanceId, newMemberId);
        if (leader) {
            group.leaderId = newMemberId;
        }
        if (group.pendingSyncMembers.remove(old.memberId)) {
            group.pendingSyncMembers.add(newMemberId);
        }
        startSession(group, member);
        return member;
    }

    private void addMemberAndRebalance(ClassicGroup group, JoinRequest request, String memberId,
                                       CompletableFuture<JoinResult> response) {
        GroupMember member = new GroupMember(memberId, request.groupInstanceId(), request.clientId(),
            request.clientHost(), effectiveRebalanceTimeout(request), request.sessionTimeoutMs(), request.protocols());
        if (group.members.isEmpty()) {
            group.protocolType = request.protocolType();
        }
        member.awaitingJoin = response;
        group.add(member);
        if (group.inInitialDelay) {
            group.newMemberAdded = true;
        }
        startSession(group, member);
        maybePrepareRebalance(group, "member " + memberId + " joined");
        tryCompleteJoin(group);
    }

    private void updateMemberAndRebalance(ClassicGroup group, GroupMember member, JoinRequest request,
                                          CompletableFuture<JoinResult> response) {
        if (member.awaitingJoin != null) {
            // The client gave up on its previous JoinGroup and sent another; only the newest gets the answer.
            member.awaitingJoin.complete(JoinResult.error(Errors.REBALANCE_IN_PROGRESS, member.memberId));
        }
        member.protocols = request.protocols();
        member.clientId = request.clientId();
        member.clientHost = request.clientHost();
        member.rebalanceTimeoutMs = effectiveRebalanceTimeout(request);
        member.sessionTimeoutMs = request.sessionTimeoutMs();
        member.awaitingJoin = response;
        maybePrepareRebalance(group, "member " + member.memberId + " rejoined");
        tryCompleteJoin(group);
    }

    private static int effectiveRebalanceTimeout(JoinRequest request) {
        // JoinGroup v0 has no rebalance timeout; Kafka uses the session timeout then.
        return request.rebalanceTimeoutMs() > 0 ? request.rebalanceTimeoutMs() : request.sessionTimeoutMs();
    }

    private JoinResult currentGeneration(ClassicGroup group, GroupMember member, boolean skipAssignment) {
        boolean leader = group.isLeader(member.memberId);
        return new JoinResult(Errors.NONE, member.memberId, group.generationId, group.protocolType,
            group.protocolName, group.leaderId, skipAssignment, leader ? joinedMembers(group) : List.of());
    }

    private static List<JoinedMember> joinedMembers(ClassicGroup group) {
        List<JoinedMember> members = new ArrayList<>(group.members.size());
        for (GroupMember member : group.members.values()) {
            byte[] metadata = member.metadata(group.protocolName);
            members.add(new JoinedMember(member.memberId, member.groupInstanceId,
                metadata == null ? EMPTY_BYTES : metadata));
        }
        return List.copyOf(members);
    }

    // --------------------------------------------------------------------------------------- rebalance phases

    private void maybePrepareRebalance(ClassicGroup group, String reason) {
        if (group.is(GroupState.STABLE) || group.is(GroupState.COMPLETING_REBALANCE)
                || group.is(GroupState.EMPTY)) {
            prepareRebalance(group, reason);
        }
    }

    private void prepareRebalance(ClassicGroup group, String reason) {
        if (group.is(GroupState.COMPLETING_REBALANCE)) {
            resetAndPropagateAssignmentError(group, Errors.REBALANCE_IN_PROGRESS);
        }
        group.pendingSyncMembers.clear();
        boolean wasEmpty = group.is(GroupState.EMPTY);
        group.transitionTo(GroupState.PREPARING_REBALANCE, time.milliseconds());
        if (wasEmpty && config.initialRebalanceDelayMs > 0) {
            // Members of a new (or emptied) group usually start together: waiting a little lets them all make
            // the first generation instead of one rebalance per arrival.
            int rebalanceTimeout = group.rebalanceTimeoutMs();
            group.inInitialDelay = true;
            group.newMemberAdded = false;
            scheduleInitialDelay(group, Math.min(config.initialRebalanceDelayMs, rebalanceTimeout),
                Math.max(rebalanceTimeout - config.initialRebalanceDelayMs, 0));
        } else {
            group.inInitialDelay = false;
            scheduleJoinTimeout(group);
        }
        log.info("Preparing to rebalance group {} in generation {}: {}", group.groupId, group.generationId, reason);
        // Completes at once when nobody is left to wait for (e.g. the last member just left: the group goes Empty).
        tryCompleteJoin(group);
    }

    private void scheduleJoinTimeout(ClassicGroup group) {
        long token = replaceRebalanceTimer(group);
        group.rebalanceTimer = timer.schedule(group.rebalanceTimeoutMs(), () -> {
            synchronized (group) {
                if (group.rebalanceTimerToken == token && group.is(GroupState.PREPARING_REBALANCE)) {
                    completeJoin(group);
                }
            }
        });
    }

    private void scheduleInitialDelay(ClassicGroup group, int delayMs, int remainingMs) {
        long token = replaceRebalanceTimer(group);
        group.rebalanceTimer = timer.schedule(delayMs, () -> {
            synchronized (group) {
                if (group.rebalanceTimerToken != token || !group.is(GroupState.PREPARING_REBALANCE)) {
                    return;
                }
                if (group.newMemberAdded && remainingMs > 0) {
                    group.newMemberAdded = false;
                    scheduleInitialDelay(group, Math.min(config.initialRebalanceDelayMs, remainingMs),
                        Math.max(remainingMs - config.initialRebalanceDelayMs, 0));
                } else {
                    group.inInitialDelay = false;
                    completeJoin(group);
                }
            }
        });
    }

    private static long replaceRebalanceTimer(ClassicGroup group) {
        group.rebalanceTimer.cancel();
        group.rebalanceTimer = GroupTimer.Cancellable.NONE;
        return ++group.rebalanceTimerToken;
    }

    /** Completes the join phase early once every known member (and no pending one) is waiting. */
    private void tryCompleteJoin(ClassicGroup group) {
        if (group.is(GroupState.PREPARING_REBALANCE) && !group.inInitialDelay && group.allMembersJoined()) {
            replaceRebalanceTimer(group);
            completeJoin(group);
        }
    }

    private void completeJoin(ClassicGroup group) {
        for (GroupMember member : List.copyOf(group.members.values())) {
            if (!member.isAwaitingJoin() && !member.isStatic()) {
                // A dynamic member that did not rejoin within the rebalance timeout is gone. Static members are
                // kept: only their session timeout removes them (KIP-345: a restart must not cost a rebalance).
                log.info("Removing member {} of group {}: it did not rejoin within the rebalance timeout",
                    member.memberId, group.groupId);
                removeMember(group, member);
            }
        }
        boolean anyJoined = group.members.values().stream().anyMatch(GroupMember::isAwaitingJoin);
        if (!group.members.isEmpty() && !anyJoined) {
            // Only static members that have not come back: wait for them (or for their sessions to expire).
            log.warn("Group {} could not complete its rebalance: no member rejoined", group.groupId);
            scheduleJoinTimeout(group);
            return;
        }
        if (group.leaderId != null && !group.members.get(group.leaderId).isAwaitingJoin()) {
            // The leader must be a member that is here to receive the member list.
            group.leaderId = group.members.values().stream().filter(GroupMember::isAwaitingJoin)
                .findFirst().orElseThrow().memberId;
        }
        long now = time.milliseconds();
        group.generationId++;
        if (group.members.isEmpty()) {
            group.protocolName = null;
            group.transitionTo(GroupState.EMPTY, now);
            log.info("Group {} is empty in generation {}", group.groupId, group.generationId);
            persistGroup(group, Map.of()).whenComplete((offset, failure) -> {
                if (failure != null) {
                    log.warn("Could not store empty group {}: {}", group.groupId, failure.toString());
                }
            });
            return;
        }
        group.protocolName = group.selectProtocol();
        group.transitionTo(GroupState.COMPLETING_REBALANCE, now);
        List<JoinedMember> members = joinedMembers(group);
        List<Runnable> responses = new ArrayList<>();
        for (GroupMember member : group.members.values()) {
            member.lastHeartbeatMs = now;
            group.pendingSyncMembers.add(member.memberId);
            if (member.awaitingJoin != null) {
                CompletableFuture<JoinResult> future = member.awaitingJoin;
                member.awaitingJoin = null;
                JoinResult result = new JoinResult(Errors.NONE, member.memberId, group.generationId,
                    group.protocolType, group.protocolName, group.leaderId, false,
                    group.isLeader(member.memberId) ? members : List.of());
                responses.add(() -> future.complete(result));
            }
        }
        scheduleSyncTimeout(group);
        log.info("Group {} completed its join phase: generation {}, protocol {}, leader {}, {} members",
            group.groupId, group.generationId, group.protocolName, group.leaderId, group.members.size());
        responses.forEach(Runnable::run);
    }

    /** Members that do not send SyncGroup within the rebalance timeout are removed and the group rebalances. */
    private void scheduleSyncTimeout(ClassicGroup group) {
        long token = replaceRebalanceTimer(group);
        int generation = group.generationId;
        group.rebalanceTimer = timer.schedule(group.rebalanceTimeoutMs(), () -> {
            synchronized (group) {
                if (group.rebalanceTimerToken != token || group.generationId != generation
                        || !(group.is(GroupState.COMPLETING_REBALANCE) || group.is(GroupState.STABLE))
                        || group.pendingSyncMembers.isEmpty()) {
                    return;
                }
                List<String> laggards = List.copyOf(group.pendingSyncMembers);
                for (String memberId : laggards) {
                    GroupMember member = group.members.get(memberId);
                    if (member != null) {
                        removeMember(group, member);
                    }
                }
                prepareRebalance(group, "members " + laggards + " did not send SyncGroup in time");
                tryCompleteJoin(group);
            }
        });
    }

    private void resetAndPropagateAssignmentError(ClassicGroup group, Errors error) {
        for (GroupMember member : group.members.values()) {
            member.assignment = EMPTY_BYTES;
            if (member.awaitingSync != null) {
                CompletableFuture<SyncResult> future = member.awaitingSync;
                member.awaitingSync = null;
                future.complete(SyncResult.error(error));
            }
        }
    }

    // ------------------------------------------------------------------------------------ members and sessions

    /** Starts (or restarts) a member's session: it must heartbeat within its session timeout from now. */
    private void startSession(ClassicGroup group, GroupMember member) {
        member.lastHeartbeatMs = time.milliseconds();
        member.heartbeatTimer.cancel();
        scheduleSessionCheck(group, member, member.sessionTimeoutMs);
    }

    /**
     * One timer per member, not one per heartbeat: a heartbeat only moves {@code lastHeartbeatMs}, and the check
     * re-arms itself for the new deadline. This keeps a heartbeat cheap (no cancel, no allocation).
     */
    private void scheduleSessionCheck(ClassicGroup group, GroupMember member, long delayMs) {
        member.heartbeatTimer = timer.schedule(delayMs, () -> checkSession(group, member));
    }

    private void checkSession(ClassicGroup group, GroupMember member) {
        synchronized (group) {
            if (group.members.get(member.memberId) != member) {
                return;
            }
            long now = time.milliseconds();
            if (member.isAwaitingJoin() || member.isAwaitingSync()) {
                scheduleSessionCheck(group, member, member.sessionTimeoutMs);
                return;
            }
            long deadline = member.lastHeartbeatMs + member.sessionTimeoutMs;
            if (now < deadline) {
                scheduleSessionCheck(group, member, deadline - now);
                return;
            }
            log.info("Member {} of group {} expired: no heartbeat for {} ms", member.memberId, group.groupId,
                now - member.lastHeartbeatMs);
            removeMemberAndUpdateGroup(group, member, "member " + member.memberId + " session expired");
        }
    }

    private void removeMember(ClassicGroup group, GroupMember member) {
        member.heartbeatTimer.cancel();
        if (member.awaitingJoin != null) {
            member.awaitingJoin.complete(JoinResult.error(Errors.UNKNOWN_MEMBER_ID, member.memberId));
            member.awaitingJoin = null;
        }
        if (member.awaitingSync != null) {
            member.awaitingSync.complete(SyncResult.error(Errors.UNKNOWN_MEMBER_ID));
            member.awaitingSync = null;
        }
        group.remove(member);
    }

    private void removeMemberAndUpdateGroup(ClassicGroup group, GroupMember member, String reason) {
        removeMember(group, member);
        switch (group.state) {
            case STABLE, COMPLETING_REBALANCE -> prepareRebalance(group, reason);
            case PREPARING_REBALANCE -> tryCompleteJoin(group);
            default -> {
            }
        }
    }

    /** Kafka's checks, in Kafka's order: a fenced static identity first, then an unknown member id. */
    private static Errors validateMember(ClassicGroup group, String memberId, String groupInstanceId) {
        if (groupInstanceId != null) {
            String current = group.staticMembers.get(groupInstanceId);
            if (current != null && !current.equals(memberId)) {
                return Errors.FENCED_INSTANCE_ID;
            }
        }
        return group.members.containsKey(memberId) ? Errors.NONE : Errors.UNKNOWN_MEMBER_ID;
    }

    // ----------------------------------------------------------------------------------------------- SyncGroup

    public CompletableFuture<SyncResult> syncGroup(SyncRequest request) {
        if (request.groupId() == null || request.groupId().isEmpty()) {
            return CompletableFuture.completedFuture(SyncResult.error(Errors.INVALID_GROUP_ID));
        }
        ClassicGroup group = groups.get(request.groupId());
        if (group == null) {
            return CompletableFuture.completedFuture(SyncResult.error(Errors.UNKNOWN_MEMBER_ID));
        }
        CompletableFuture<SyncResult> response = new CompletableFuture<>();
        synchronized (group) {
            Errors error = syncError(group, request);
            if (error != Errors.NONE) {
                response.complete(SyncResult.error(error));
                return response;
            }
            GroupMember member = group.members.get(request.memberId());
            group.pendingSyncMembers.remove(member.memberId);
            if (group.is(GroupState.STABLE)) {
                response.complete(new SyncResult(Errors.NONE, group.protocolType, group.protocolName,
                    member.assignment));
                return response;
            }
            // CompletingRebalance: park the response until the leader's assignments are stored.
            if (member.awaitingSync != null) {
                member.awaitingSync.complete(SyncResult.error(Errors.REBALANCE_IN_PROGRESS));
            }
            member.awaitingSync = response;
            if (group.isLeader(member.memberId)) {
                Map<String, byte[]> assignments = new HashMap<>();
                for (String id : group.members.keySet()) {
                    byte[] assignment = request.assignments().get(id);
                    assignments.put(id, assignment == null ? EMPTY_BYTES : assignment);
                }
                int generation = group.generationId;
                // Last statement under the lock: the callback may run right here if the append is already durable.
                persistGroup(group, assignments).whenComplete(
                    (offset, failure) -> onAssignmentsStored(group, generation, assignments, failure));
            }
        }
        return response;
    }

    private static Errors syncError(ClassicGroup group, SyncRequest request) {
        if (group.is(GroupState.DEAD)) {
            return Errors.COORDINATOR_NOT_AVAILABLE;
        }
        Errors error = validateMember(group, request.memberId(), request.groupInstanceId());
        if (error != Errors.NONE) {
            return error;
        }
        if (request.generationId() != group.generationId) {
            return Errors.ILLEGAL_GENERATION;
        }
        if ((request.protocolType() != null && !request.protocolType().equals(group.protocolType))
                || (request.protocolName() != null && !request.protocolName().equals(group.protocolName))) {
            return Errors.INCONSISTENT_GROUP_PROTOCOL;
        }
        return switch (group.state) {
            case PREPARING_REBALANCE -> Errors.REBALANCE_IN_PROGRESS;
            case COMPLETING_REBALANCE, STABLE -> Errors.NONE;
            default -> Errors.UNKNOWN_MEMBER_ID;
        };
    }

    private void onAssignmentsStored(ClassicGroup group, int generation, Map<String, byte[]> assignments,
                                     Throwable failure) {
        synchronized (group) {
            if (group.generationId != generation || !group.is(GroupState.COMPLETING_REBALANCE)) {
                return; // a newer rebalance already answered the parked members
            }
            if (failure != null) {
                log.warn("Could not store the assignments of group {} generation {}: {}", group.groupId, generation,
                    failure.toString());
                resetAndPropagateAssignmentError(group, Errors.COORDINATOR_NOT_AVAILABLE);
                prepareRebalance(group, "storing the assignments failed");
                return;
            }
            long now = time.milliseconds();
            for (GroupMember member : group.members.values()) {
                member.assignment = assignments.getOrDefault(member.memberId, EMPTY_BYTES);
            }
            group.transitionTo(GroupState.STABLE, now);
            for (GroupMember member : group.members.values()) {
                if (member.awaitingSync != null) {
                    CompletableFuture<SyncResult> future = member.awaitingSync;
                    member.awaitingSync = null;
                    member.lastHeartbeatMs = now;
                    future.complete(new SyncResult(Errors.NONE, group.protocolType, group.protocolName,
                        member.assignment));
                }
            }
            log.info("Group {} is stable in generation {}", group.groupId, generation);
        }
    }

    // ----------------------------------------------------------------------------------------------- Heartbeat

    public Errors heartbeat(String groupId, String memberId, String groupInstanceId, int generationId) {
        if (groupId == null || groupId.isEmpty()) {
            return Errors.INVALID_GROUP_ID;
        }
        ClassicGroup group = groups.get(groupId);
        if (group == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        synchronized (group) {
            if (group.is(GroupState.DEAD)) {
                return Errors.COORDINATOR_NOT_AVAILABLE;
            }
            Errors error = validateMember(group, memberId, groupInstanceId);
            if (error != Errors.NONE) {
                return error;
            }
            if (generationId != group.generationId) {
                return Errors.ILLEGAL_GENERATION;
            }
            group.members.get(memberId).lastHeartbeatMs = time.milliseconds();
            // In CompletingRebalance members heartbeat while they wait for their assignment: that is fine.
            return group.is(GroupState.PREPARING_REBALANCE) ? Errors.REBALANCE_IN_PROGRESS : Errors.NONE;
        }
    }

    // ---------------------------------------------------------------------------------------------- LeaveGroup

    public LeaveResult leaveGroup(String groupId, List<LeavingMember> leaving) {
        if (groupId == null || groupId.isEmpty()) {
            return new LeaveResult(Errors.INVALID_GROUP_ID, List.of());
        }
        ClassicGroup group = groups.get(groupId);
        if (group == null) {
            return new LeaveResult(Errors.NONE, leaving.stream().map(m -> Errors.UNKNOWN_MEMBER_ID).toList());
        }
        synchronized (group) {
            if (group.is(GroupState.DEAD)) {
                return new LeaveResult(Errors.COORDINATOR_NOT_AVAILABLE, List.of());
            }
            List<Errors> errors = new ArrayList<>(leaving.size());
            for (LeavingMember member : leaving) {
                errors.add(leave(group, member));
            }
            return new LeaveResult(Errors.NONE, List.copyOf(errors));
        }
    }

    private Errors leave(ClassicGroup group, LeavingMember leaving) {
        String memberId = leaving.memberId() == null ? UNKNOWN_MEMBER_ID : leaving.memberId();
        GroupMember member;
        if (leaving.groupInstanceId() != null) {
            String current = group.staticMembers.get(leaving.groupInstanceId());
            if (current == null) {
                return Errors.UNKNOWN_MEMBER_ID;
            }
            if (!memberId.equals(UNKNOWN_MEMBER_ID) && !memberId.equals(current)) {
                return Errors.FENCED_INSTANCE_ID;
            }
            member = group.members.get(current);
        } else if (group.pendingMembers.remove(memberId)) {
            tryCompleteJoin(group);
            return Errors.NONE;
        } else {
            member = group.members.get(memberId);
            if (member == null) {
                return Errors.UNKNOWN_MEMBER_ID;
            }
        }
        log.info("Member {} left group {}", member.memberId, group.groupId);
        removeMemberAndUpdateGroup(group, member, "member " + member.memberId + " left");
        return Errors.NONE;
    }

    // -------------------------------------------------------------------------------------------- OffsetCommit

    /**
     * Commits offsets, answering per partition once the records are durable. Errors for the whole request
     * (group state, generation, member) are repeated for every partition, as the protocol has no top-level error.
     * A commit to an unknown group with a generation ≥ 0 fails with GROUP_ID_NOT_FOUND (the adapter maps it to
     * ILLEGAL_GENERATION before OffsetCommit v9).
     */
    public CompletableFuture<Map<TopicPartition, Errors>> commitOffsets(CommitRequest request) {
        if (request.groupId() == null) {
            return CompletableFuture.completedFuture(allErrors(request.offsets().keySet(), Errors.INVALID_GROUP_ID));
        }
        if (closed) {
            return CompletableFuture.completedFuture(allErrors(request.offsets().keySet(), Errors.NOT_COORDINATOR));
        }
        ClassicGroup group = groups.get(request.groupId());
        if (group == null) {
            if (request.generationId() >= 0) {
                return CompletableFuture.completedFuture(
                    allErrors(request.offsets().keySet(), Errors.GROUP_ID_NOT_FOUND));
            }
            group = getOrCreateGroup(request.groupId());
        }
        synchronized (group) {
            Errors error = commitError(group, request);
            if (error != Errors.NONE) {
                return CompletableFuture.completedFuture(allErrors(request.offsets().keySet(), error));
            }
            GroupMember member = group.members.get(request.memberId());
            if (member != null) {
                member.lastHeartbeatMs = time.milliseconds(); // a commit proves the member is alive
            }
            Map<TopicPartition, Errors> results = new LinkedHashMap<>();
            List<TopicPartition> partitions = new ArrayList<>();
            List<OffsetAndMetadata> values = new ArrayList<>();
            List<byte[][]> records = new ArrayList<>();
            long now = time.milliseconds();
            for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : request.offsets().entrySet()) {
                OffsetAndMetadata offset = entry.getValue();
                if (offset.metadata().length() > config.offsetMetadataMaxBytes) {
                    results.put(entry.getKey(), Errors.OFFSET_METADATA_TOO_LARGE);
                    continue;
                }
                OffsetAndMetadata stamped = new OffsetAndMetadata(offset.offset(), offset.leaderEpoch(),
                    offset.metadata(), now);
                results.put(entry.getKey(), Errors.NONE);
                partitions.add(entry.getKey());
                values.add(stamped);
                records.add(new byte[][] {OffsetsTopicCodec.offsetKey(group.groupId, entry.getKey()),
                    OffsetsTopicCodec.offsetValue(stamped)});
            }
            if (records.isEmpty()) {
                return CompletableFuture.completedFuture(results);
            }
            ClassicGroup target = group;
            return append(group.offsetsPartition, records).handle((firstOffset, failure) -> {
                if (failure != null) {
                    Errors storeError = storeError(failure);
                    log.warn("Could not store offsets of group {}: {}", target.groupId, failure.toString());
                    partitions.forEach(tp -> results.put(tp, storeError));
                    return results;
                }
                synchronized (target) {
                    if (groups.get(target.groupId) == target) {
                        for (int i = 0; i < partitions.size(); i++) {
                            long recordOffset = firstOffset + i;
                            target.offsets.merge(partitions.get(i),
                                new ClassicGroup.CommittedOffset(values.get(i), recordOffset),
                                (old, fresh) -> fresh.recordOffset() > old.recordOffset() ? fresh : old);
                        }
                    }
                }
                return results;
            });
        }
    }

    private static Errors commitError(ClassicGroup group, CommitRequest request) {
        if (group.is(GroupState.DEAD)) {
            return Errors.COORDINATOR_NOT_AVAILABLE;
        }
        if (request.groupInstanceId() != null) {
            String current = group.staticMembers.get(request.groupInstanceId());
            if (current != null && !current.equals(request.memberId())) {
                return Errors.FENCED_INSTANCE_ID;
            }
        }
        if (request.generationId() < 0 && group.is(GroupState.EMPTY)) {
            return Errors.NONE; // a group that only stores offsets (e.g. assign() consumers, tools)
        }
        if (group.is(GroupState.COMPLETING_REBALANCE)) {
            // Its partitions are about to be reassigned: committing now could overwrite the new owner's progress.
            return Errors.REBALANCE_IN_PROGRESS;
        }
        if (!group.members.containsKey(request.memberId())) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        if (request.generationId() != group.generationId) {
            return Errors.ILLEGAL_GENERATION;
        }
        return Errors.NONE;
    }

    private static Map<TopicPartition, Errors> allErrors(Collection<TopicPartition> partitions, Errors error) {
        Map<TopicPartition, Errors> errors = new LinkedHashMap<>();
        partitions.forEach(tp -> errors.put(tp, error));
        return errors;
    }

    private static Errors storeError(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        return cause instanceof RecordTooLargeException ? Errors.INVALID_COMMIT_OFFSET_SIZE
            : Errors.COORDINATOR_NOT_AVAILABLE;
    }

    // --------------------------------------------------------------------------------------------- OffsetFetch

    /** The committed offsets of {@code partitions}, or all of the group's when null. */
    public FetchedOffsets fetchOffsets(String groupId, List<TopicPartition> partitions) {
        if (groupId == null) {
            return new FetchedOffsets(Errors.INVALID_GROUP_ID, Map.of());
        }
        ClassicGroup group = groups.get(groupId);
        if (group == null) {
            return new FetchedOffsets(Errors.NONE, Map.of());
        }
        synchronized (group) {
            Map<TopicPartition, OffsetAndMetadata> result = new LinkedHashMap<>();
            if (partitions == null) {
                group.offsets.forEach((tp, committed) -> result.put(tp, committed.offset()));
            } else {
                for (TopicPartition tp : partitions) {
                    ClassicGroup.CommittedOffset committed = group.offsets.get(tp);
                    if (committed != null) {
                        result.put(tp, committed.offset());
                    }
                }
            }
            return new FetchedOffsets(Errors.NONE, result);
        }
    }

    // --------------------------------------------------------------------------- ListGroups / DescribeGroups

    /** Groups in one of {@code states} (all when empty); Dead groups are never listed. */
    public List<GroupListing> listGroups(Set<GroupState> states) {
        List<GroupListing> listings = new ArrayList<>();
        for (ClassicGroup group : groups.values()) {
            synchronized (group) {
                if (!group.is(GroupState.DEAD) && (states.isEmpty() || states.contains(group.state))) {
                    listings.add(new GroupListing(group.groupId,
                        group.protocolType == null ? "" : group.protocolType, group.state));
                }
            }
        }
        return listings;
    }

    public GroupDescription describeGroup(String groupId) {
        ClassicGroup group = groupId == null ? null : groups.get(groupId);
        if (group == null) {
            return new GroupDescription(groupId, Errors.GROUP_ID_NOT_FOUND, GroupState.DEAD, "", "", List.of());
        }
        synchronized (group) {
            boolean stable = group.is(GroupState.STABLE);
            List<MemberDescription> members = new ArrayList<>();
            for (GroupMember member : group.members.values()) {
                byte[] metadata = stable ? member.metadata(group.protocolName) : null;
                members.add(new MemberDescription(member.memberId, member.groupInstanceId, member.clientId,
                    member.clientHost, metadata == null ? EMPTY_BYTES : metadata,
                    stable ? member.assignment : EMPTY_BYTES));
            }
            return new GroupDescription(groupId, group.is(GroupState.DEAD) ? Errors.GROUP_ID_NOT_FOUND : Errors.NONE,
                group.state, group.protocolType == null ? "" : group.protocolType,
                stable ? group.protocolName : "", List.copyOf(members));
        }
    }

    // -------------------------------------------------------------------------------------------- DeleteGroups

    /**
     * Deletes Empty groups with their offsets (tombstones for every key), answering once the tombstones are
     * durable. A group with members fails with NON_EMPTY_GROUP. The group is gone from memory at once; if the
     * tombstones cannot be written the error is returned and the group comes back at the next load.
     */
    public CompletableFuture<Map<String, Errors>> deleteGroups(List<String> groupIds) {
        Map<String, CompletableFuture<Errors>> results = new LinkedHashMap<>();
        for (String groupId : groupIds) {
            results.put(groupId, deleteGroup(groupId));
        }
        return CompletableFuture.allOf(results.values().toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            Map<String, Errors> errors = new LinkedHashMap<>();
            results.forEach((id, future) -> errors.put(id, future.join()));
            return errors;
        });
    }

    private CompletableFuture<Errors> deleteGroup(String groupId) {
        if (groupId == null) {
            return CompletableFuture.completedFuture(Errors.INVALID_GROUP_ID);
        }
        ClassicGroup group = groups.get(groupId);
        if (group == null) {
            return CompletableFuture.completedFuture(Errors.GROUP_ID_NOT_FOUND);
        }
        synchronized (group) {
            if (group.is(GroupState.DEAD)) {
                return CompletableFuture.completedFuture(Errors.GROUP_ID_NOT_FOUND);
            }
            if (!group.is(GroupState.EMPTY)) {
                return CompletableFuture.completedFuture(Errors.NON_EMPTY_GROUP);
            }
            List<byte[][]> tombstones = new ArrayList<>();
            for (TopicPartition tp : group.offsets.keySet()) {
                tombstones.add(new byte[][] {OffsetsTopicCodec.offsetKey(groupId, tp), null});
            }
            tombstones.add(new byte[][] {OffsetsTopicCodec.groupKey(groupId), null});
            group.transitionTo(GroupState.DEAD, time.milliseconds());
            replaceRebalanceTimer(group);
            group.offsets.clear();
            groups.remove(groupId, group);
            log.info("Deleted group {}", groupId);
            return append(group.offsetsPartition, tombstones).handle((offset, failure) -> {
                if (failure != null) {
                    log.warn("Could not write the tombstones of deleted group {}: {}", groupId, failure.toString());
                    return storeError(failure);
                }
                return Errors.NONE;
            });
        }
    }

    // --------------------------------------------------------------------------------------------- persistence

    private ClassicGroup getOrCreateGroup(String groupId) {
        return groups.computeIfAbsent(groupId,
            id -> new ClassicGroup(id, partitionFor(id), time.milliseconds()));
    }

    private CompletableFuture<Long> persistGroup(ClassicGroup group, Map<String, byte[]> assignments) {
        byte[] key = OffsetsTopicCodec.groupKey(group.groupId);
        byte[] value = OffsetsTopicCodec.groupValue(group.toRecord(assignments));
        List<byte[][]> records = new ArrayList<>(1);
        records.add(new byte[][] {key, value});
        return append(group.offsetsPartition, records);
    }

    /**
     * Appends key/value records (null value = tombstone) as one batch; the future gives the first record's offset
     * once the batch is durable, or fails with the append's exception.
     */
    private CompletableFuture<Long> append(int partition, List<byte[][]> records) {
        try {
            PartitionLog partitionLog = logs.getOrCreateLog(offsetsTopicPartition(partition));
            long now = time.milliseconds();
            RecordBatchBuilder builder = new RecordBatchBuilder(0L);
            for (byte[][] record : records) {
                builder.append(now, record[0], record[1]);
            }
            int epoch = partitionLog.leaderEpochCache().latestEpoch().orElse(0);
            AppendResult result = partitionLog.appendAsLeader(builder.build(), epoch, AppendOrigin.CLIENT);
            CompletableFuture<Long> stored = new CompletableFuture<>();
            // whenCompleteAsync (not thenApplyAsync): it hops threads for failures too.
            result.durable().whenCompleteAsync((ignored, failure) -> {
                if (failure != null) {
                    stored.completeExceptionally(failure);
                } else {
                    stored.complete(result.firstOffset());
                }
            }, this::runCallback);
            return stored;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void runCallback(Runnable callback) {
        try {
            callbackThread.execute(callback);
        } catch (RejectedExecutionException e) {
            callback.run(); // closed: late callbacks still answer their requests
        }
    }

    private static io.sluice.log.storage.TopicPartition offsetsTopicPartition(int partition) {
        return new io.sluice.log.storage.TopicPartition(OFFSETS_TOPIC, partition);
    }

    /**
     * Stops timers and answers every parked JoinGroup/SyncGroup with NOT_COORDINATOR (clients look the coordinator
     * up again). Committed state is already durable; nothing is written. Call before closing the LogManager.
     */
    @Override
    public void close() {
        closed = true;
        callbackThread.shutdown();
        for (ClassicGroup group : groups.values()) {
            synchronized (group) {
                replaceRebalanceTimer(group);
                for (GroupMember member : group.members.values()) {
                    member.heartbeatTimer.cancel();
                    if (member.awaitingJoin != null) {
                        member.awaitingJoin.complete(JoinResult.error(Errors.NOT_COORDINATOR, member.memberId));
                        member.awaitingJoin = null;
                    }
                    if (member.awaitingSync != null) {
                        member.awaitingSync.complete(SyncResult.error(Errors.NOT_COORDINATOR));
                        member.awaitingSync = null;
                    }
                }
            }
        }
    }
}
