package io.sluice.log.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.log.cluster.TopicMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableReplicaAssignment;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicConfigs;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.CreateTopicsResponse;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreateTopicsHandlerTest {
    @TempDir
    Path dataDir;
    AdminFixture fixture;
    CreateTopicsHandler handler;

    @BeforeEach
    void setUp() {
        fixture = new AdminFixture(dataDir);
        handler = new CreateTopicsHandler(fixture.registry, fixture.partitions, AdminFixture.DEFAULT_NUM_PARTITIONS,
            AdminFixture.TOPIC_DEFAULTS);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private static CreatableTopic topic(String name, int partitions, int replicationFactor) {
        return new CreatableTopic().setName(name).setNumPartitions(partitions)
            .setReplicationFactor((short) replicationFactor);
    }

    private CreateTopicsResponse send(short version, boolean validateOnly, CreatableTopic... topics) {
        var data = new CreateTopicsRequestData().setValidateOnly(validateOnly).setTimeoutMs(1000);
        for (CreatableTopic topic : topics) {
            data.topics().add(topic);
        }
        CreateTopicsRequest request = new CreateTopicsRequest.Builder(data).build(version);
        CreateTopicsResponse response = handler.handle(AdminFixture.context(ApiKeys.CREATE_TOPICS, version), request)
            .join();
        return AdminFixture.asSeenByClient(response, version);
    }

    private CreatableTopicResult createOne(CreatableTopic topic) {
        return send(CreateTopicsHandler.LATEST_VERSION, false, topic).data().topics().find(topic.name());
    }

    private static CreatableTopicConfigs config(CreatableTopicResult result, String name) {
        return result.configs().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void createsTheTopicAndItsLogsAndReportsItsIdPartitionsAndConfigs() {
        CreatableTopic request = topic("orders", 3, 1);
        request.configs().add(new CreatableTopicConfig().setName("cleanup.policy").setValue("compact"));

        CreatableTopicResult result = createOne(request);

        TopicMetadata created = fixture.registry.topic("orders").orElseThrow();
        assertThat(result.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(result.errorMessage()).isNull();
        assertThat(result.topicId()).isEqualTo(new Uuid(created.topicId().getMostSignificantBits(),
            created.topicId().getLeastSignificantBits()));
        assertThat(result.numPartitions()).isEqualTo(3);
        assertThat(result.replicationFactor()).isEqualTo((short) 1);
        assertThat(created.configOverrides()).containsExactlyEntriesOf(Map.of("cleanup.policy", "compact"));
        assertThat(fixture.log("orders", 0).config().compact).isTrue();
        assertThat(fixture.logs.logs().keySet()).extracting(tp -> tp.topic() + "-" + tp.partition())
            .contains("orders-0", "orders-1", "orders-2");
    }

    @Test
    void reportsEveryTopicConfigWithWhereItsValueComesFrom() {
        CreatableTopic request = topic("orders", 1, 1);
        request.configs().add(new CreatableTopicConfig().setName("cleanup.policy").setValue("compact"));

        CreatableTopicResult result = createOne(request);

        assertThat(result.configs()).hasSize(io.sluice.log.storage.LogConfig.DEFINITION.keys().size());
        CreatableTopicConfigs override = config(result, "cleanup.policy");
        assertThat(override.value()).isEqualTo("compact");
        assertThat(override.configSource()).isEqualTo(ConfigSource.TOPIC_CONFIG.id());
        assertThat(override.readOnly()).isFalse();
        assertThat(override.isSensitive()).isFalse();
        assertThat(config(result, "retention.ms").value()).isEqualTo("86400000");
        assertThat(config(result, "retention.ms").configSource()).isEqualTo(ConfigSource.STATIC_BROKER_CONFIG.id());
        assertThat(config(result, "segment.bytes").value()).isEqualTo(String.valueOf(1 << 30));
        assertThat(config(result, "segment.bytes").configSource()).isEqualTo(ConfigSource.DEFAULT_CONFIG.id());
    }

    @Test
    void minusOneTakesTheBrokerDefaultPartitionCountAndReplicationFactor() {
        CreatableTopicResult result = createOne(topic("events", -1, -1));

        assertThat(result.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(result.numPartitions()).isEqualTo(AdminFixture.DEFAULT_NUM_PARTITIONS);
        assertThat(result.replicationFactor()).isEqualTo((short) 1);
        assertThat(fixture.registry.topic("events").orElseThrow().partitionCount())
            .isEqualTo(AdminFixture.DEFAULT_NUM_PARTITIONS);
    }

    @Test
    void validateOnlyAnswersAsACreationWouldButCreatesNothing() {
        CreatableTopicResult result = send(CreateTopicsHandler.LATEST_VERSION, true, topic("dry", 4, 1))
            .data().topics().find("dry");

        assertThat(result.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(result.numPartitions()).isEqualTo(4);
        assertThat(result.configs()).isNotEmpty();
        assertThat(fixture.registry.topic("dry")).isEmpty();
        assertThat(fixture.logs.logs().keySet()).noneMatch(tp -> tp.topic().equals("dry"));
    }

    @Test
    void theOldestVersionGetsTheResultWithoutTheFieldsAddedLater() {
        CreatableTopicResult created = send(CreateTopicsHandler.OLDEST_VERSION, false, topic("old", 2, 1))
            .data().topics().find("old");
        CreatableTopicResult refused = send(CreateTopicsHandler.OLDEST_VERSION, false, topic("old", 2, 1))
            .data().topics().find("old");

        assertThat(created.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(created.topicId()).isEqualTo(Uuid.ZERO_UUID);
        assertThat(created.numPartitions()).isEqualTo(-1);
        assertThat(fixture.registry.topic("old").orElseThrow().partitionCount()).isEqualTo(2);
        assertThat(refused.errorCode()).isEqualTo(Errors.TOPIC_ALREADY_EXISTS.code());
        assertThat(refused.errorMessage()).contains("old");
    }

    @Test
    void refusesAReplicationFactorAboveOneBecauseThereIsOneNode() {
        CreatableTopicResult result = createOne(topic("replicated", 1, 3));

        assertThat(result.errorCode()).isEqualTo(Errors.INVALID_REPLICATION_FACTOR.code());
        assertThat(result.errorMessage()).contains("3 times", "single-node");
        assertThat(fixture.registry.topic("replicated")).isEmpty();
    }

    @Test
    void refusesAZeroReplicationFactor() {
        assertThat(createOne(topic("none", 1, 0)).errorCode()).isEqualTo(Errors.INVALID_REPLICATION_FACTOR.code());
    }

    @Test
    void refusesManualReplicaAssignments() {
        CreatableTopic request = topic("placed", -1, -1);
        request.assignments().add(new CreatableReplicaAssignment().setPartitionIndex(0)
            .setBrokerIds(List.of(AdminFixture.NODE_ID)));

        CreatableTopicResult result = createOne(request);

        assertThat(result.errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
        assertThat(result.errorMessage()).contains("assignment");
    }

    @Test
    void refusesAnExistingTopic() {
        fixture.registry.create("taken", 1, Map.of());

        assertThat(createOne(topic("taken", 1, 1)).errorCode()).isEqualTo(Errors.TOPIC_ALREADY_EXISTS.code());
    }

    @Test
    void refusesAnIllegalName() {
        CreatableTopicResult result = createOne(topic("bad name!", 1, 1));

        assertThat(result.errorCode()).isEqualTo(Errors.INVALID_TOPIC_EXCEPTION.code());
        assertThat(result.errorMessage()).contains("bad name!");
    }

    @Test
    void refusesAPartitionCountOfZero() {
        assertThat(createOne(topic("empty", 0, 1)).errorCode()).isEqualTo(Errors.INVALID_PARTITIONS.code());
    }

    @Test
    void refusesAnInvalidConfigValueNamingTheKey() {
        CreatableTopic request = topic("conf", 1, 1);
        request.configs().add(new CreatableTopicConfig().setName("retention.ms").setValue("soon"));

        CreatableTopicResult result = createOne(request);

        assertThat(result.errorCode()).isEqualTo(Errors.INVALID_CONFIG.code());
        assertThat(result.errorMessage()).contains("retention.ms", "soon");
    }

    @Test
    void refusesAnUnknownConfigKey() {
        CreatableTopic request = topic("conf", 1, 1);
        request.configs().add(new CreatableTopicConfig().setName("retention.forever").setValue("1"));

        assertThat(createOne(request).errorCode()).isEqualTo(Errors.INVALID_CONFIG.code());
    }

    @Test
    void refusesANullConfigValue() {
        CreatableTopic request = topic("conf", 1, 1);
        request.configs().add(new CreatableTopicConfig().setName("retention.ms").setValue(null));

        CreatableTopicResult result = createOne(request);

        assertThat(result.errorCode()).isEqualTo(Errors.INVALID_CONFIG.code());
        assertThat(result.errorMessage()).contains("retention.ms");
    }

    @Test
    void refusesATopicNamedTwiceWithOneResult() {
        CreateTopicsResponse response = send(CreateTopicsHandler.LATEST_VERSION, false, topic("twice", 1, 1),
            topic("twice", 2, 1));

        assertThat(response.data().topics()).hasSize(1);
        assertThat(response.data().topics().find("twice").errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
        assertThat(fixture.registry.topic("twice")).isEmpty();
    }

    @Test
    void refusesTopicsTheBrokerManagesButAllowsOtherDoubleUnderscoreNames() {
        CreatableTopicResult offsets = createOne(topic("__consumer_offsets", 1, 1));
        CreatableTopicResult metadata = createOne(topic("__cluster_metadata", 1, 1));
        CreatableTopicResult appState = createOne(topic("__app_state", 1, 1));

        assertThat(offsets.errorCode()).isEqualTo(Errors.INVALID_TOPIC_EXCEPTION.code());
        assertThat(offsets.errorMessage()).contains("managed by the broker");
        assertThat(metadata.errorCode()).isEqualTo(Errors.INVALID_TOPIC_EXCEPTION.code());
        assertThat(appState.errorCode()).isEqualTo(Errors.NONE.code());
    }

    @Test
    void oneRefusedTopicDoesNotFailTheOthers() {
        CreateTopicsResponse response = send(CreateTopicsHandler.LATEST_VERSION, false, topic("good", 1, 1),
            topic("bad", 1, 5));

        assertThat(response.data().topics().find("good").errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(response.data().topics().find("bad").errorCode())
            .isEqualTo(Errors.INVALID_REPLICATION_FACTOR.code());
        assertThat(fixture.registry.topic("good")).isPresent();
    }

    @Test
    void advertisesVersionsTwoToSeven() {
        assertThat(handler.apiKey()).isEqualTo(ApiKeys.CREATE_TOPICS);
        assertThat(handler.oldestVersion()).isEqualTo((short) 2);
        assertThat(handler.latestVersion()).isEqualTo((short) 7);
        assertThat(handler.latestVersion()).isLessThanOrEqualTo(ApiKeys.CREATE_TOPICS.latestVersion());
    }
}
