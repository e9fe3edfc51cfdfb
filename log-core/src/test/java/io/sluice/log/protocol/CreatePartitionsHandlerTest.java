package io.sluice.log.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.log.cluster.TopicMetadata;
import io.sluice.log.storage.TopicPartition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsAssignment;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsTopic;
import org.apache.kafka.common.message.CreatePartitionsResponseData.CreatePartitionsTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.CreatePartitionsRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreatePartitionsHandlerTest {
    @TempDir
    Path dataDir;
    AdminFixture fixture;
    CreatePartitionsHandler handler;

    @BeforeEach
    void setUp() {
        fixture = new AdminFixture(dataDir);
        handler = new CreatePartitionsHandler(fixture.registry, fixture.partitions);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private void existing(String name, int partitions) {
        TopicMetadata topic = fixture.registry.create(name, partitions, Map.of());
        fixture.partitions.createLogs(topic);
    }

    private static CreatePartitionsTopic grow(String name, int count) {
        return new CreatePartitionsTopic().setName(name).setCount(count).setAssignments(null);
    }

    private List<CreatePartitionsTopicResult> send(short version, boolean validateOnly,
                                                   CreatePartitionsTopic... topics) {
        var data = new CreatePartitionsRequestData().setValidateOnly(validateOnly).setTimeoutMs(1000);
        for (CreatePartitionsTopic topic : topics) {
            data.topics().add(topic);
        }
        CreatePartitionsRequest request = new CreatePartitionsRequest.Builder(data).build(version);
        var response = handler.handle(AdminFixture.context(ApiKeys.CREATE_PARTITIONS, version), request).join();
        return AdminFixture.asSeenByClient(response, version).data().results();
    }

    private CreatePartitionsTopicResult sendOne(CreatePartitionsTopic topic) {
        return send(CreatePartitionsHandler.LATEST_VERSION, false, topic).get(0);
    }

    @Test
    void growsTheTopicAndCreatesTheNewPartitionLogs() {
        existing("events", 1);

        CreatePartitionsTopicResult result = sendOne(grow("events", 3));

        assertThat(result.name()).isEqualTo("events");
        assertThat(result.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(result.errorMessage()).isNull();
        assertThat(fixture.registry.topic("events").orElseThrow().partitionCount()).isEqualTo(3);
        assertThat(fixture.partitions.existingLog(new TopicPartition("events", 2))).isPresent();
    }

    @Test
    void worksOnTheOldestVersionToo() {
        existing("events", 1);

        List<CreatePartitionsTopicResult> results = send(CreatePartitionsHandler.OLDEST_VERSION, false,
            grow("events", 2));

        assertThat(results).singleElement().extracting(CreatePartitionsTopicResult::errorCode)
            .isEqualTo(Errors.NONE.code());
        assertThat(fixture.registry.topic("events").orElseThrow().partitionCount()).isEqualTo(2);
    }

    @Test
    void validateOnlyChecksButDoesNotGrow() {
        existing("events", 1);

        List<CreatePartitionsTopicResult> results = send(CreatePartitionsHandler.LATEST_VERSION, true,
            grow("events", 4), grow("missing", 4));

        assertThat(results.get(0).errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(results.get(1).errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        assertThat(fixture.registry.topic("events").orElseThrow().partitionCount()).isEqualTo(1);
        assertThat(fixture.partitions.existingLog(new TopicPartition("events", 3))).isEmpty();
    }

    @Test
    void aCountThatIsNotLargerIsInvalidPartitions() {
        existing("events", 3);

        CreatePartitionsTopicResult result = sendOne(grow("events", 2));

        assertThat(result.errorCode()).isEqualTo(Errors.INVALID_PARTITIONS.code());
        assertThat(result.errorMessage()).contains("events", "3");
    }

    @Test
    void anUnknownTopicIsUnknownTopicOrPartition() {
        assertThat(sendOne(grow("missing", 2)).errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
    }

    @Test
    void replicaAssignmentsAreAnInvalidRequest() {
        existing("events", 1);
        CreatePartitionsTopic request = grow("events", 2)
            .setAssignments(List.of(new CreatePartitionsAssignment().setBrokerIds(List.of(AdminFixture.NODE_ID))));

        CreatePartitionsTopicResult result = sendOne(request);

        assertThat(result.errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
        assertThat(fixture.registry.topic("events").orElseThrow().partitionCount()).isEqualTo(1);
    }

    @Test
    void aTopicNamedTwiceIsAnInvalidRequest() {
        existing("events", 1);

        List<CreatePartitionsTopicResult> results = send(CreatePartitionsHandler.LATEST_VERSION, false,
            grow("events", 2), grow("events", 3));

        assertThat(results).singleElement().extracting(CreatePartitionsTopicResult::errorCode)
            .isEqualTo(Errors.INVALID_REQUEST.code());
        assertThat(fixture.registry.topic("events").orElseThrow().partitionCount()).isEqualTo(1);
    }

    @Test
    void topicsTheBrokerManagesCannotGrow() {
        existing("__consumer_offsets", 1);

        assertThat(sendOne(grow("__consumer_offsets", 2)).errorCode())
            .isEqualTo(Errors.INVALID_TOPIC_EXCEPTION.code());
    }
}
