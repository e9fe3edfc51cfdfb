package io.sluice.streams.runtime;

import io.sluice.streams.errors.StreamsException;
import io.sluice.streams.errors.TopologyException;
import io.sluice.streams.processor.TaskId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/**
 * What the assignor tells one stream thread (group member): its active tasks with their source partitions, its
 * standby tasks, which {@code application.server} endpoint hosts which partitions (for {@code metadataForKey}),
 * or an error that stops every member (a missing source topic, a co-partitioning mismatch, a member that is no
 * Sluice Streams client) because no valid assignment exists.
 *
 * <p>Wire format (the member's assignment user data), big-endian:
 * <pre>
 *   version 1
 *   int32  version
 *   int32  error code                         {@link ErrorCode#code()}, 0 for none
 *   int16  error message length, UTF-8 bytes  empty when there is no error
 *   int32  n, then n × (int32 subtopology, int32 partition)
 *            the active task of each partition of the assignment, in the order of the assignment's partitions
 *   int32  s, then s × (int32 subtopology, int32 partition)   standby tasks
 *   int32  h, then h × (endpoint, int32 t, t × (topic, int32 p, p × int32 partition))
 *            endpoints and topics as int16 length + UTF-8 bytes
 * </pre>
 * The partitions themselves travel in the assignment, so {@link #decode} takes them. Evolution as in
 * {@link SubscriptionInfo}: later versions only append fields, readers ignore a tail they do not know.
 *
 * <p>Immutable; the collections are copied and unmodifiable.
 *
 * @param error            {@link ErrorCode#NONE}, or why there is no assignment
 * @param errorMessage     the error for humans; empty when there is none
 * @param activeTasks      active tasks in assignment order, each with its source partitions
 * @param standbyTasks     tasks whose state this member keeps warm from the changelog
 * @param partitionsByHost the active source partitions hosted by each {@code application.server} endpoint
 */
public record AssignmentInfo(ErrorCode error, String errorMessage, Map<TaskId, Set<TopicPartition>> activeTasks,
                             Set<TaskId> standbyTasks, Map<String, Set<TopicPartition>> partitionsByHost) {
    public static final int LATEST_VERSION = 1;
    private static final String WHAT = "Assignment user data";
    private static final String TOPOLOGY_PREFIX = "Invalid topology: "; // TopologyException adds it again

    /** Why the assignor gave no assignment. Codes are on the wire: never renumber. */
    public enum ErrorCode {
        NONE(0),
        /** A source topic is missing or the sources of a sub-topology are not co-partitioned. */
        INVALID_TOPOLOGY(1),
        /** A member's subscription carries no readable {@link SubscriptionInfo}. */
        INCOMPATIBLE_MEMBER(2);

        private final int code;

        ErrorCode(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        static ErrorCode of(int code) {
            for (ErrorCode error : values()) {
                if (error.code == code) {
                    return error;
                }
            }
            throw new IllegalArgumentException(WHAT + " has the unknown error code " + code);
        }
    }

    public AssignmentInfo {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(errorMessage, "errorMessage");
        Map<TaskId, Set<TopicPartition>> active = new LinkedHashMap<>();
        activeTasks.forEach((task, partitions) ->
            active.put(task, Collections.unmodifiableSet(new LinkedHashSet<>(partitions))));
        activeTasks = Collections.unmodifiableMap(active);
        standbyTasks = Collections.unmodifiableSet(new TreeSet<>(standbyTasks));
        Map<String, Set<TopicPartition>> hosts = new TreeMap<>();
        partitionsByHost.forEach((host, partitions) ->
            hosts.put(host, Collections.unmodifiableSet(new LinkedHashSet<>(partitions))));
        partitionsByHost = Collections.unmodifiableMap(hosts);
    }

    /** The assignment of every member when there is none: {@code error} with a message naming the cause. */
    public static AssignmentInfo failure(ErrorCode error, String message) {
        if (error == ErrorCode.NONE) {
            throw new IllegalArgumentException("A failure needs an error code, not NONE");
        }
        return new AssignmentInfo(error, message, Map.of(), Set.of(), Map.of());
    }

    /** The partitions of the active tasks, in the order the assignment lists them. */
    public List<TopicPartition> partitions() {
        List<TopicPartition> partitions = new ArrayList<>();
        activeTasks.values().forEach(partitions::addAll);
        return partitions;
    }

    /**
     * Throws what the error means for the member.
     *
     * @throws TopologyException for {@link ErrorCode#INVALID_TOPOLOGY}
     * @throws StreamsException  for {@link ErrorCode#INCOMPATIBLE_MEMBER}
     */
    public void throwIfFailed() {
        switch (error) {
            case NONE -> { }
            case INVALID_TOPOLOGY -> throw new TopologyException(errorMessage.startsWith(TOPOLOGY_PREFIX)
                ? errorMessage.substring(TOPOLOGY_PREFIX.length()) : errorMessage);
            case INCOMPATIBLE_MEMBER -> throw new StreamsException(errorMessage);
        }
    }

    public ByteBuffer encode() {
        UserDataCodec.Writer out = new UserDataCodec.Writer()
            .writeInt(LATEST_VERSION)
            .writeInt(error.code())
            .writeString(errorMessage);
        List<TaskId> taskOfEachPartition = new ArrayList<>();
        activeTasks.forEach((task, partitions) -> partitions.forEach(partition -> taskOfEachPartition.add(task)));
        out.writeInt(taskOfEachPartition.size());
        taskOfEachPartition.forEach(out::writeTask);
        out.writeInt(standbyTasks.size());
        standbyTasks.forEach(out::writeTask);
        out.writeInt(partitionsByHost.size());
        partitionsByHost.forEach((host, partitions) -> {
            Map<String, List<Integer>> byTopic = new TreeMap<>();
            partitions.forEach(p -> byTopic.computeIfAbsent(p.topic(), t -> new ArrayList<>()).add(p.partition()));
            out.writeString(host).writeInt(byTopic.size());
            byTopic.forEach((topic, numbers) -> {
                out.writeString(topic).writeInt(numbers.size());
                numbers.forEach(out::writeInt);
            });
        });
        return out.toByteBuffer();
    }

    /**
     * Decodes any version against the partitions of the assignment it came with.
     *
     * @param partitions the assignment's partitions, in its order
     * @throws IllegalArgumentException when the data is missing, truncated, has a version below 1, or names a
     *                                  different number of tasks than there are partitions
     */
    public static AssignmentInfo decode(ByteBuffer userData, List<TopicPartition> partitions) {
        ByteBuffer data = userData == null ? null : userData.duplicate();
        int version = UserDataCodec.readVersion(data, WHAT);
        return UserDataCodec.decodeBody(WHAT, version, () -> {
            ErrorCode error = ErrorCode.of(data.getInt());
            String message = UserDataCodec.readString(data);
            int taskCount = data.getInt();
            if (taskCount != partitions.size()) {
                throw new IllegalArgumentException(WHAT + " names " + taskCount + " active task entries for the "
                    + partitions.size() + " assigned partitions " + partitions);
            }
            Map<TaskId, Set<TopicPartition>> active = new LinkedHashMap<>();
            for (TopicPartition partition : partitions) {
                active.computeIfAbsent(UserDataCodec.readTask(data), task -> new LinkedHashSet<>()).add(partition);
            }
            Set<TaskId> standbys = new TreeSet<>();
            for (int i = data.getInt(); i > 0; i--) {
                standbys.add(UserDataCodec.readTask(data));
            }
            Map<String, Set<TopicPartition>> hosts = new TreeMap<>();
            for (int h = data.getInt(); h > 0; h--) {
                Set<TopicPartition> hosted = hosts.computeIfAbsent(UserDataCodec.readString(data),
                    host -> new LinkedHashSet<>());
                for (int t = data.getInt(); t > 0; t--) {
                    String topic = UserDataCodec.readString(data);
                    for (int p = data.getInt(); p > 0; p--) {
                        hosted.add(new TopicPartition(topic, data.getInt()));
                    }
                }
            }
            return new AssignmentInfo(error, message, active, standbys, hosts);
        });
    }
}
