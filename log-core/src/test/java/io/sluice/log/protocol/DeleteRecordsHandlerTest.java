package io.sluice.log.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsPartition;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsTopic;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsPartitionResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DeleteRecordsRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeleteRecordsHandlerTest {
    @TempDir
    Path dataDir;
    AdminFixture fixture;
    DeleteRecordsHandler handler;

    @BeforeEach
    void setUp() {
        fixture = new AdminFixture(dataDir);
        handler = new DeleteRecordsHandler(fixture.partitions);
        fixture.partitions.createLogs(fixture.registry.create("events", 2, Map.of()));
        fixture.append("events", 0, 10);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private DeleteRecordsPartitionResult deleteBefore(short version, String topic, int partition, long offset) {
        var data = new DeleteRecordsRequestData().setTimeoutMs(1000).setTopics(List.of(new DeleteRecordsTopic()
            .setName(topic)
            .setPartitions(List.of(new DeleteRecordsPartition().setPartitionIndex(partition).setOffset(offset)))));
        DeleteRecordsRequest request = new DeleteRecordsRequest.Builder(data).build(version);
        var response = handler.handle(AdminFixture.context(ApiKeys.DELETE_RECORDS, version), request).join();
        return AdminFixture.asSeenByClient(response, version).data().topics().find(topic).partitions()
            .find(partition);
    }

    private DeleteRecordsPartitionResult deleteBefore(String topic, int partition, long offset) {
        return deleteBefore(DeleteRecordsHandler.LATEST_VERSION, topic, partition, offset);
    }

    @Test
    void advancesTheLogStartOffsetAndAnswersItAsTheLowWatermark() {
        DeleteRecordsPartitionResult result = deleteBefore("events", 0, 4);

        assertThat(result.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(result.lowWatermark()).isEqualTo(4);
        assertThat(fixture.log("events", 0).logStartOffset()).isEqualTo(4);
    }

    @Test
    void worksOnTheOldestVersionToo() {
        assertThat(deleteBefore(DeleteRecordsHandler.OLDEST_VERSION, "events", 0, 2).lowWatermark()).isEqualTo(2);
    }

    @Test
    void minusOneDeletesUpToTheHighWatermark() {
        DeleteRecordsPartitionResult result = deleteBefore("events", 0, DeleteRecordsRequest.HIGH_WATERMARK);

        assertThat(result.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(result.lowWatermark()).isEqualTo(10);
    }

    @Test
    void anOffsetBelowTheCurrentStartChangesNothing() {
        deleteBefore("events", 0, 6);

        assertThat(deleteBefore("events", 0, 3).lowWatermark()).isEqualTo(6);
    }

    @Test
    void anOffsetAboveTheHighWatermarkIsOutOfRange() {
        DeleteRecordsPartitionResult result = deleteBefore("events", 0, 11);

        assertThat(result.errorCode()).isEqualTo(Errors.OFFSET_OUT_OF_RANGE.code());
        assertThat(result.lowWatermark()).isEqualTo(DeleteRecordsHandler.INVALID_LOW_WATERMARK);
        assertThat(fixture.log("events", 0).logStartOffset()).isZero();
    }

    @Test
    void aNegativeOffsetOtherThanMinusOneIsOutOfRange() {
        assertThat(deleteBefore("events", 0, -2).errorCode()).isEqualTo(Errors.OFFSET_OUT_OF_RANGE.code());
    }

    @Test
    void anUnknownTopicOrPartitionIsUnknownTopicOrPartition() {
        assertThat(deleteBefore("missing", 0, 1).errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        assertThat(deleteBefore("events", 7, 1).errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        assertThat(deleteBefore("events", -1, 1).errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
    }

    @Test
    void aCompactedTopicIsAPolicyViolation() {
        fixture.partitions.createLogs(fixture.registry.create("table", 1, Map.of("cleanup.policy", "compact")));

        assertThat(deleteBefore("table", 0, 0).errorCode()).isEqualTo(Errors.POLICY_VIOLATION.code());
    }

    @Test
    void topicsTheBrokerManagesCannotBeTruncated() {
        fixture.partitions.createLogs(fixture.registry.create("__consumer_offsets", 1, Map.of()));

        assertThat(deleteBefore("__consumer_offsets", 0, 0).errorCode())
            .isEqualTo(Errors.INVALID_TOPIC_EXCEPTION.code());
    }
}
