package io.sluice.log.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetsTopicCodecTest {
    @Test
    void offsetKeysAndValuesRoundTrip() {
        TopicPartition tp = new TopicPartition("orders-eu", 12);
        OffsetAndMetadata offset = new OffsetAndMetadata(1234L, Optional.of(7), "m", 99L);

        OffsetsTopicCodec.Key key = OffsetsTopicCodec.decodeKey(ByteBuffer.wrap(OffsetsTopicCodec.offsetKey("g", tp)));
        OffsetAndMetadata value = OffsetsTopicCodec.decodeOffsetValue(
            ByteBuffer.wrap(OffsetsTopicCodec.offsetValue(offset)));

        assertThat(key).isEqualTo(new OffsetsTopicCodec.Key("g", tp));
        assertThat(value).isEqualTo(offset);
    }

    @Test
    void groupValuesRoundTripWithMembersAndNullFields() {
        OffsetsTopicCodec.GroupRecord group = new OffsetsTopicCodec.GroupRecord("consumer", 4, "range", "m1", 5L,
            List.of(new OffsetsTopicCodec.MemberRecord("m1", null, "c", "/h", 300, 10, new byte[] {1, 2},
                new byte[] {3})));

        OffsetsTopicCodec.GroupRecord decoded = OffsetsTopicCodec.decodeGroupValue(
            ByteBuffer.wrap(OffsetsTopicCodec.groupValue(group)));

        assertThat(decoded.generationId()).isEqualTo(4);
        assertThat(decoded.leaderId()).isEqualTo("m1");
        assertThat(decoded.members()).singleElement().satisfies(m -> {
            assertThat(m.groupInstanceId()).isNull();
            assertThat(m.subscription()).containsExactly(1, 2);
            assertThat(m.assignment()).containsExactly(3);
        });
        assertThat(OffsetsTopicCodec.decodeKey(ByteBuffer.wrap(OffsetsTopicCodec.groupKey("g"))).isOffsetKey())
            .isFalse();
    }

    @Test
    void aNewerValueVersionWithAppendedFieldsIsReadByItsKnownPrefix() {
        byte[] v0 = OffsetsTopicCodec.offsetValue(new OffsetAndMetadata(5, Optional.empty(), "", 1));
        byte[] v1 = Arrays.copyOf(v0, v0.length + 8);
        v1[1] = 1; // version 1, with 8 bytes of a field this reader does not know

        assertThat(OffsetsTopicCodec.decodeOffsetValue(ByteBuffer.wrap(v1)).offset()).isEqualTo(5);
    }

    @Test
    void truncatedOrForeignBytesAreReportedAsMalformed() {
        byte[] value = OffsetsTopicCodec.offsetValue(new OffsetAndMetadata(5, Optional.empty(), "abc", 1));

        assertThatThrownBy(() -> OffsetsTopicCodec.decodeOffsetValue(ByteBuffer.wrap(value, 0, 9).slice()))
            .isInstanceOf(OffsetsTopicCodec.MalformedRecordException.class);
        assertThatThrownBy(() -> OffsetsTopicCodec.decodeKey(ByteBuffer.wrap(new byte[] {0, 1, 0, 2, 'g'})))
            .isInstanceOf(OffsetsTopicCodec.MalformedRecordException.class);
        assertThatThrownBy(() -> OffsetsTopicCodec.decodeKey(ByteBuffer.wrap(new byte[] {0, 7})))
            .isInstanceOf(OffsetsTopicCodec.MalformedRecordException.class);
    }
}
