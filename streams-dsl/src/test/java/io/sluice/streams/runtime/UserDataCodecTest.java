package io.sluice.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.streams.errors.StreamsException;
import io.sluice.streams.errors.TopologyException;
import io.sluice.streams.processor.TaskId;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Round trips and versioning of {@link SubscriptionInfo} and {@link AssignmentInfo}. */
class UserDataCodecTest {
    private static final TopicPartition A0 = new TopicPartition("a", 0);
    private static final TopicPartition B0 = new TopicPartition("b", 0);
    private static final TopicPartition A1 = new TopicPartition("a", 1);

    private static SubscriptionInfo subscription() {
        return new SubscriptionInfo(UUID.randomUUID(), "host-ü:8080", Set.of(new TaskId(0, 1), new TaskId(2, 0)),
            Map.of(new TaskId(2, 0), 12_345_678_901L, new TaskId(2, 3), -1L));
    }

    private static AssignmentInfo assignment() {
        return new AssignmentInfo(AssignmentInfo.ErrorCode.NONE, "",
            Map.of(new TaskId(0, 0), Set.of(A0, B0), new TaskId(0, 1), Set.of(A1)), Set.of(new TaskId(1, 4)),
            Map.of("h1:1", Set.of(A0, B0, A1), "h2:2", Set.of(new TopicPartition("a", 2))));
    }

    /** The same data as a later version would write it: version bumped and a field appended. */
    private static ByteBuffer asFutureVersion(ByteBuffer encoded) {
        ByteBuffer future = ByteBuffer.allocate(encoded.remaining() + 8);
        future.put(encoded.duplicate()).putLong(0xCAFEL).flip();
        future.putInt(0, 7);
        return future;
    }

    @Test
    void subscriptionRoundTripsWithVersionFirstAndBigEndian() {
        SubscriptionInfo info = subscription();
        ByteBuffer encoded = info.encode();
        assertThat(encoded.getInt(0)).isEqualTo(SubscriptionInfo.LATEST_VERSION);
        assertThat(encoded.getLong(4)).isEqualTo(info.processId().getMostSignificantBits());
        assertThat(SubscriptionInfo.decode(encoded)).isEqualTo(info);
        assertThat(encoded.position()).isZero(); // decoding leaves the caller's buffer alone
        assertThat(info.offsetSum(new TaskId(9, 9))).isEqualTo(SubscriptionInfo.UNKNOWN_OFFSET_SUM);
    }

    @Test
    void aReaderDecodesTheFieldsItKnowsFromALaterVersion() {
        SubscriptionInfo info = subscription();
        assertThat(SubscriptionInfo.decode(asFutureVersion(info.encode()))).isEqualTo(info);
        AssignmentInfo assignment = assignment();
        assertThat(AssignmentInfo.decode(asFutureVersion(assignment.encode()), assignment.partitions()))
            .isEqualTo(assignment);
    }

    @Test
    void missingTruncatedOrVersionZeroDataFailsClearly() {
        assertThatThrownBy(() -> SubscriptionInfo.decode(null))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a Sluice Streams client");
        ByteBuffer encoded = subscription().encode();
        ByteBuffer truncated = ByteBuffer.wrap(encoded.array(), 0, encoded.remaining() - 3);
        assertThatThrownBy(() -> SubscriptionInfo.decode(truncated))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("of version 1 is truncated");
        ByteBuffer zero = subscription().encode();
        zero.putInt(0, 0);
        assertThatThrownBy(() -> SubscriptionInfo.decode(zero)).hasMessageContaining("unknown version 0");
    }

    @Test
    void assignmentRoundTripsAgainstItsPartitionsInOrder() {
        AssignmentInfo info = assignment();
        List<TopicPartition> partitions = info.partitions();
        assertThat(partitions).hasSize(3);
        AssignmentInfo decoded = AssignmentInfo.decode(info.encode(), partitions);
        assertThat(decoded).isEqualTo(info);
        assertThat(decoded.partitions()).isEqualTo(partitions);
        assertThatThrownBy(() -> AssignmentInfo.decode(info.encode(), List.of(A0)))
            .hasMessageContaining("3 active task entries for the 1 assigned partitions");
    }

    @Test
    void failuresRoundTripAndBecomeTheExceptionTheyName() {
        String message = new TopologyException("Source topic lines of sub-topology 0 does not exist").getMessage();
        AssignmentInfo failure = AssignmentInfo.decode(
            AssignmentInfo.failure(AssignmentInfo.ErrorCode.INVALID_TOPOLOGY, message).encode(), List.of());
        assertThat(failure.error()).isEqualTo(AssignmentInfo.ErrorCode.INVALID_TOPOLOGY);
        assertThatThrownBy(failure::throwIfFailed).isInstanceOf(TopologyException.class)
            .hasMessage("Invalid topology: Source topic lines of sub-topology 0 does not exist");
        AssignmentInfo incompatible = AssignmentInfo.failure(AssignmentInfo.ErrorCode.INCOMPATIBLE_MEMBER, "m-1");
        assertThatThrownBy(incompatible::throwIfFailed).isExactlyInstanceOf(StreamsException.class)
            .hasMessage("m-1");
        assignment().throwIfFailed(); // no error: nothing thrown

        ByteBuffer unknownCode = failure.encode();
        unknownCode.putInt(4, 99);
        assertThatThrownBy(() -> AssignmentInfo.decode(unknownCode, List.of()))
            .hasMessageContaining("unknown error code 99");
    }
}
