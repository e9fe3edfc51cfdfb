package io.sluice.streams.runtime;

import io.sluice.streams.processor.TaskId;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What one stream thread (a group member) tells the assignor when it joins: which process it belongs to (threads
 * of one process share a process id, so the assignor balances over processes weighted by their thread counts), the
 * process's {@code application.server} endpoint for interactive queries, the tasks the thread ran as active before
 * this rebalance (for stickiness), and per task the sum of the changelog offsets checkpointed in the state
 * directory, −1 for none (so stateful tasks go where their state already is).
 *
 * <p>Wire format (the member's subscription user data), big-endian:
 * <pre>
 *   version 1
 *   int32  version
 *   int64  processId most significant bits
 *   int64  processId least significant bits
 *   int16  endpoint length, then that many UTF-8 bytes   "host:port", or empty when application.server is unset
 *   int32  n, then n × (int32 subtopology, int32 partition)              previously active tasks
 *   int32  m, then m × (int32 subtopology, int32 partition, int64 sum)   checkpointed changelog offset sums
 * </pre>
 * Evolution: a later version only appends fields after those of the versions before it and bumps the version, so
 * a reader decodes the fields it knows from any version at least 1 and ignores the tail; members of mixed versions
 * can share a group while an application is upgraded one instance at a time.
 *
 * <p>Immutable; the collections are copied, sorted and unmodifiable.
 *
 * @param processId         the id of the member's process (one per app instance)
 * @param userEndpoint      {@code application.server} as {@code host:port}, or empty
 * @param prevActiveTasks   tasks this thread ran as active before the rebalance
 * @param taskOffsetSums    per task with local state, the sum of its checkpointed changelog offsets (−1: none)
 */
public record SubscriptionInfo(UUID processId, String userEndpoint, Set<TaskId> prevActiveTasks,
                               Map<TaskId, Long> taskOffsetSums) {
    /** The version this code writes. */
    public static final int LATEST_VERSION = 1;
    /** The offset sum of a task whose state directory holds no checkpoint. */
    public static final long UNKNOWN_OFFSET_SUM = -1L;

    public SubscriptionInfo {
        Objects.requireNonNull(processId, "processId");
        Objects.requireNonNull(userEndpoint, "userEndpoint (empty when application.server is unset)");
        prevActiveTasks = Collections.unmodifiableSet(new TreeSet<>(prevActiveTasks));
        taskOffsetSums = Collections.unmodifiableMap(new TreeMap<>(taskOffsetSums));
    }

    public ByteBuffer encode() {
        UserDataCodec.Writer out = new UserDataCodec.Writer()
            .writeInt(LATEST_VERSION)
            .writeLong(processId.getMostSignificantBits())
            .writeLong(processId.getLeastSignificantBits())
            .writeString(userEndpoint)
            .writeInt(prevActiveTasks.size());
        prevActiveTasks.forEach(out::writeTask);
        out.writeInt(taskOffsetSums.size());
        taskOffsetSums.forEach((task, sum) -> out.writeTask(task).writeLong(sum));
        return out.toByteBuffer();
    }

    /**
     * Decodes any version, reading the fields of version 1 and ignoring what later versions append.
     *
     * @throws IllegalArgumentException when the data is missing, has a version below 1 or is truncated
     */
    public static SubscriptionInfo decode(ByteBuffer userData) {
        ByteBuffer data = userData == null ? null : userData.duplicate();
        int version = UserDataCodec.readVersion(data, "Subscription user data");
        return UserDataCodec.decodeBody("Subscription user data", version, () -> {
            UUID processId = new UUID(data.getLong(), data.getLong());
            String endpoint = UserDataCodec.readString(data);
            Set<TaskId> prevActive = new TreeSet<>();
            for (int i = data.getInt(); i > 0; i--) {
                prevActive.add(UserDataCodec.readTask(data));
            }
            Map<TaskId, Long> sums = new LinkedHashMap<>();
            for (int i = data.getInt(); i > 0; i--) {
                sums.put(UserDataCodec.readTask(data), data.getLong());
            }
            return new SubscriptionInfo(processId, endpoint, prevActive, sums);
        });
    }

    /** The checkpointed offset sum of {@code task} here, or {@link #UNKNOWN_OFFSET_SUM}. */
    public long offsetSum(TaskId task) {
        return taskOffsetSums.getOrDefault(task, UNKNOWN_OFFSET_SUM);
    }
}
