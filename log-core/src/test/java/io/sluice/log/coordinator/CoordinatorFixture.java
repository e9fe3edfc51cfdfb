package io.sluice.log.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.log.storage.LogConfig;
import io.sluice.log.storage.LogManager;
import io.sluice.log.storage.LogManagerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.protocol.Errors;

/**
 * A coordinator on a real LogManager in a temporary directory, with a manual timer. Session timeouts are 10 s,
 * rebalance timeouts 30 s, the initial rebalance delay 3 s unless a test asks otherwise.
 */
final class CoordinatorFixture implements AutoCloseable {
    static final int SESSION_MS = 10_000;
    static final int REBALANCE_MS = 30_000;
    static final int INITIAL_DELAY_MS = 3_000;
    static final int PARTITIONS = 4;

    final Path dir;
    final ManualTimer timer;
    final Map<String, Object> groupProps;
    LogManager logs;
    GroupCoordinator coordinator;

    CoordinatorFixture(Path dir) {
        this(dir, new ManualTimer(), Map.of());
    }

    CoordinatorFixture(Path dir, ManualTimer timer, Map<String, Object> extraGroupProps) {
        this.dir = dir;
        this.timer = timer;
        this.groupProps = new HashMap<>(Map.of(GroupConfig.INITIAL_REBALANCE_DELAY_MS.name(), INITIAL_DELAY_MS));
        this.groupProps.putAll(extraGroupProps);
        open();
    }

    static LogManager openLogs(Path dir, ManualTimer timer) {
        LogConfig compacted = new LogConfig(Map.of("cleanup.policy", "compact"));
        return new LogManager(LogManagerConfig.forDir(dir), timer.time, topic -> compacted);
    }

    void open() {
        logs = openLogs(dir, timer);
        coordinator = new GroupCoordinator(logs, PARTITIONS, timer.time, timer, new GroupConfig(groupProps));
        coordinator.load();
    }

    /** Closes coordinator and logs and opens both again on the same directory: a broker restart. */
    void restart() {
        coordinator.close();
        logs.close();
        open();
    }

    @Override
    public void close() {
        coordinator.close();
        logs.close();
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("Future did not complete: " + e, e);
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static GroupCoordinator.JoinRequest join(String groupId, String memberId, String instanceId, String... protocols) {
        List<GroupCoordinator.Protocol> offered = java.util.Arrays.stream(protocols.length == 0
                ? new String[] {"range"} : protocols)
            .map(name -> new GroupCoordinator.Protocol(name, bytes(name + "-metadata")))
            .toList();
        return new GroupCoordinator.JoinRequest(groupId, memberId, instanceId, "client", "/127.0.0.1", SESSION_MS,
            REBALANCE_MS, "consumer", offered, true);
    }

    /** A first join through the KIP-394 handshake: returns the pending future of the second JoinGroup. */
    CompletableFuture<GroupCoordinator.JoinResult> joinNew(String groupId) {
        GroupCoordinator.JoinResult first = await(coordinator.joinGroup(join(groupId, "", null)));
        assertThat(first.error()).isEqualTo(Errors.MEMBER_ID_REQUIRED);
        return coordinator.joinGroup(join(groupId, first.memberId(), null));
    }

    GroupCoordinator.SyncResult sync(String groupId, GroupCoordinator.JoinResult joined, Map<String, byte[]> plan) {
        return await(syncAsync(groupId, joined, plan));
    }

    CompletableFuture<GroupCoordinator.SyncResult> syncAsync(String groupId, GroupCoordinator.JoinResult joined,
                                                             Map<String, byte[]> plan) {
        return coordinator.syncGroup(new GroupCoordinator.SyncRequest(groupId, joined.memberId(), null,
            joined.generationId(), "consumer", joined.protocolName(), plan));
    }

    /** One dynamic member, joined and synced: the group is Stable in generation 1. */
    GroupCoordinator.JoinResult stableSingleMemberGroup(String groupId) {
        CompletableFuture<GroupCoordinator.JoinResult> pending = joinNew(groupId);
        timer.advance(INITIAL_DELAY_MS);
        GroupCoordinator.JoinResult joined = await(pending);
        sync(groupId, joined, Map.of(joined.memberId(), bytes("assignment-" + joined.memberId())));
        return joined;
    }

    GroupState state(String groupId) {
        return coordinator.describeGroup(groupId).state();
    }
}
