package io.sluice.log.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.log.cluster.TopicMetadata;
import io.sluice.log.storage.TopicPartition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData.DeleteTopicState;
import org.apache.kafka.common.message.DeleteTopicsResponseData.DeletableTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DeleteTopicsRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeleteTopicsHandlerTest {
    @TempDir
    Path dataDir;
    AdminFixture fixture;
    DeleteTopicsHandler handler;

    @BeforeEach
    void setUp() {
        fixture = new AdminFixture(dataDir);
        handler = new DeleteTopicsHandler(fixture.registry, fixture.partitions);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private TopicMetadata existing(String name, int partitions) {
        TopicMetadata topic = fixture.registry.create(name, partitions, Map.of());
        fixture.partitions.createLogs(topic);
        return topic;
    }

    private static Uuid uuid(UUID id) {
        return new Uuid(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    private List<DeletableTopicResult> deleteByName(short version, String... names) {
        var data = new DeleteTopicsRequestData().setTopicNames(List.of(names)).setTimeoutMs(1000);
        return send(version, data);
    }

    private List<DeletableTopicResult> deleteV6(DeleteTopicState... topics) {
        var data = new DeleteTopicsRequestData().setTopics(List.of(topics)).setTimeoutMs(1000);
        return send(DeleteTopicsHandler.LATEST_VERSION, data);
    }

    private List<DeletableTopicResult> send(short version, DeleteTopicsRequestData data) {
        DeleteTopicsRequest request = new DeleteTopicsRequest.Builder(data).build(version);
        var response = handler.handle(AdminFixture.context(ApiKeys.DELETE_TOPICS, version), request).join();
        return List.copyOf(AdminFixture.asSeenByClient(response, version).data().responses());
    }

    @Test
    void deletesATopicByNameWithItsLogsOnTheOldestVersion() {
        existing("doomed", 2);

        List<DeletableTopicResult> results = deleteByName(DeleteTopicsHandler.OLDEST_VERSION, "doomed");

        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.name()).isEqualTo("doomed");
            assertThat(result.errorCode()).isEqualTo(Errors.NONE.code());
        });
        assertThat(fixture.registry.topic("doomed")).isEmpty();
        assertThat(fixture.partitions.existingLog(new TopicPartition("doomed", 0))).isEmpty();
        assertThat(fixture.partitions.existingLog(new TopicPartition("doomed", 1))).isEmpty();
    }

    @Test
    void deletesATopicByIdAndAnswersItsNameAndId() {
        TopicMetadata topic = existing("doomed", 1);

        List<DeletableTopicResult> results = deleteV6(new DeleteTopicState().setTopicId(uuid(topic.topicId())));

        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.name()).isEqualTo("doomed");
            assertThat(result.topicId()).isEqualTo(uuid(topic.topicId()));
            assertThat(result.errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(result.errorMessage()).isNull();
        });
        assertThat(fixture.registry.topic("doomed")).isEmpty();
    }

    @Test
    void deletingByNameOnVersionSixAlsoAnswersTheId() {
        TopicMetadata topic = existing("doomed", 1);

        List<DeletableTopicResult> results = deleteV6(new DeleteTopicState().setName("doomed"));

        assertThat(results).singleElement().extracting(DeletableTopicResult::topicId)
            .isEqualTo(uuid(topic.topicId()));
    }

    @Test
    void anUnknownNameIsUnknownTopicOrPartition() {
        List<DeletableTopicResult> results = deleteByName(DeleteTopicsHandler.LATEST_VERSION, "missing");

        assertThat(results).singleElement().extracting(DeletableTopicResult::errorCode)
            .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
    }

    @Test
    void anUnknownIdIsUnknownTopicId() {
        Uuid unknown = Uuid.randomUuid();

        List<DeletableTopicResult> results = deleteV6(new DeleteTopicState().setTopicId(unknown));

        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.name()).isNull();
            assertThat(result.topicId()).isEqualTo(unknown);
            assertThat(result.errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_ID.code());
        });
    }

    @Test
    void namingATopicByNameAndIdAtOnceIsAnInvalidRequest() {
        TopicMetadata topic = existing("both", 1);

        List<DeletableTopicResult> results = deleteV6(new DeleteTopicState().setName("both")
            .setTopicId(uuid(topic.topicId())));

        assertThat(results).singleElement().extracting(DeletableTopicResult::errorCode)
            .isEqualTo(Errors.INVALID_REQUEST.code());
        assertThat(fixture.registry.topic("both")).isPresent();
    }

    @Test
    void namingNeitherNameNorIdIsAnInvalidRequest() {
        List<DeletableTopicResult> results = deleteV6(new DeleteTopicState());

        assertThat(results).singleElement().extracting(DeletableTopicResult::errorCode)
            .isEqualTo(Errors.INVALID_REQUEST.code());
    }

    @Test
    void aTopicNamedTwiceIsRefusedAndKept() {
        TopicMetadata topic = existing("twice", 1);

        List<DeletableTopicResult> results = deleteV6(new DeleteTopicState().setName("twice"),
            new DeleteTopicState().setTopicId(uuid(topic.topicId())));

        assertThat(results).hasSize(2).allSatisfy(result ->
            assertThat(result.errorCode()).isEqualTo(Errors.INVALID_REQUEST.code()));
        assertThat(fixture.registry.topic("twice")).isPresent();
    }

    @Test
    void refusesToDeleteATopicTheBrokerManages() {
        existing("__consumer_offsets", 1);

        List<DeletableTopicResult> results = deleteByName(DeleteTopicsHandler.LATEST_VERSION, "__consumer_offsets");

        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.errorCode()).isEqualTo(Errors.INVALID_TOPIC_EXCEPTION.code());
            assertThat(result.errorMessage()).contains("managed by the broker");
        });
        assertThat(fixture.registry.topic("__consumer_offsets")).isPresent();
    }

    @Test
    void advertisesVersionsOneToSix() {
        assertThat(handler.oldestVersion()).isEqualTo((short) 1);
        assertThat(handler.latestVersion()).isEqualTo((short) 6);
    }
}
