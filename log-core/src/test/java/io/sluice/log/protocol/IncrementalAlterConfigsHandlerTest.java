package io.sluice.log.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AlterConfigOp.OpType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.IncrementalAlterConfigsRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncrementalAlterConfigsHandlerTest {
    @TempDir
    Path dataDir;
    AdminFixture fixture;
    IncrementalAlterConfigsHandler handler;

    @BeforeEach
    void setUp() {
        fixture = new AdminFixture(dataDir);
        handler = new IncrementalAlterConfigsHandler(fixture.registry, fixture.partitions);
        fixture.partitions.createLogs(fixture.registry.create("orders", 1, Map.of("segment.ms", "60000")));
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private static AlterableConfig op(String key, OpType op, String value) {
        return new AlterableConfig().setName(key).setConfigOperation(op.id()).setValue(value);
    }

    private static AlterConfigsResource resource(ConfigResource.Type type, String name, AlterableConfig... ops) {
        var resource = new AlterConfigsResource().setResourceType(type.id()).setResourceName(name);
        for (AlterableConfig op : ops) {
            resource.configs().add(op);
        }
        return resource;
    }

    private List<AlterConfigsResourceResponse> send(short version, boolean validateOnly,
                                                    AlterConfigsResource... resources) {
        var data = new IncrementalAlterConfigsRequestData().setValidateOnly(validateOnly);
        for (AlterConfigsResource resource : resources) {
            data.resources().add(resource);
        }
        IncrementalAlterConfigsRequest request = new IncrementalAlterConfigsRequest.Builder(data).build(version);
        var response = handler.handle(AdminFixture.context(ApiKeys.INCREMENTAL_ALTER_CONFIGS, version), request)
            .join();
        return AdminFixture.asSeenByClient(response, version).data().responses();
    }

    private AlterConfigsResourceResponse alterOrders(AlterableConfig... ops) {
        return send(IncrementalAlterConfigsHandler.LATEST_VERSION, false,
            resource(ConfigResource.Type.TOPIC, "orders", ops)).get(0);
    }

    private Map<String, String> overrides() {
        return fixture.registry.topic("orders").orElseThrow().configOverrides();
    }

    @Test
    void setAndDeleteChangeTheOverridesAndReachTheOpenLogs() {
        AlterConfigsResourceResponse result = alterOrders(op("retention.ms", OpType.SET, "5000"),
            op("segment.ms", OpType.DELETE, null));

        assertThat(result.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(result.errorMessage()).isNull();
        assertThat(overrides()).containsExactlyEntriesOf(Map.of("retention.ms", "5000"));
        assertThat(fixture.log("orders", 0).config().retentionMs).isEqualTo(5000);
        assertThat(fixture.log("orders", 0).config().segmentMs).isEqualTo(7L * 24 * 60 * 60 * 1000);
    }

    @Test
    void worksOnTheOldestVersionToo() {
        List<AlterConfigsResourceResponse> results = send(IncrementalAlterConfigsHandler.OLDEST_VERSION, false,
            resource(ConfigResource.Type.TOPIC, "orders", op("retention.ms", OpType.SET, "7000")));

        assertThat(results).singleElement().extracting(AlterConfigsResourceResponse::errorCode)
            .isEqualTo(Errors.NONE.code());
        assertThat(overrides()).containsEntry("retention.ms", "7000");
    }

    @Test
    void appendAndSubtractEditAListKeyFromItsEffectiveValue() {
        alterOrders(op("cleanup.policy", OpType.APPEND, "compact"));
        assertThat(overrides()).containsEntry("cleanup.policy", "delete,compact");

        alterOrders(op("cleanup.policy", OpType.SUBTRACT, "delete"));
        assertThat(overrides()).containsEntry("cleanup.policy", "compact");
        assertThat(fixture.log("orders", 0).config().compact).isTrue();
        assertThat(fixture.log("orders", 0).config().delete).isFalse();
    }

    @Test
    void appendingToAKeyThatIsNotAListIsAnInvalidConfig() {
        AlterConfigsResourceResponse result = alterOrders(op("retention.ms", OpType.APPEND, "5"));

        assertThat(result.errorCode()).isEqualTo(Errors.INVALID_CONFIG.code());
        assertThat(result.errorMessage()).contains("retention.ms", "LIST");
    }

    @Test
    void oneBadChangeRejectsTheWholeResource() {
        AlterConfigsResourceResponse result = alterOrders(op("retention.ms", OpType.SET, "5000"),
            op("segment.bytes", OpType.SET, "tiny"));

        assertThat(result.errorCode()).isEqualTo(Errors.INVALID_CONFIG.code());
        assertThat(result.errorMessage()).contains("segment.bytes");
        assertThat(overrides()).containsExactlyEntriesOf(Map.of("segment.ms", "60000"));
    }

    @Test
    void validateOnlyChecksButChangesNothing() {
        List<AlterConfigsResourceResponse> results = send(IncrementalAlterConfigsHandler.LATEST_VERSION, true,
            resource(ConfigResource.Type.TOPIC, "orders", op("retention.ms", OpType.SET, "5000")));

        assertThat(results).singleElement().extracting(AlterConfigsResourceResponse::errorCode)
            .isEqualTo(Errors.NONE.code());
        assertThat(overrides()).doesNotContainKey("retention.ms");
        assertThat(fixture.log("orders", 0).config().retentionMs).isEqualTo(86_400_000L);
    }

    @Test
    void anUnknownTopicIsUnknownTopicOrPartition() {
        List<AlterConfigsResourceResponse> results = send(IncrementalAlterConfigsHandler.LATEST_VERSION, false,
            resource(ConfigResource.Type.TOPIC, "missing", op("retention.ms", OpType.SET, "5000")));

        assertThat(results).singleElement().extracting(AlterConfigsResourceResponse::errorCode)
            .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
    }

    @Test
    void anUnknownKeyIsAnInvalidConfig() {
        AlterConfigsResourceResponse result = alterOrders(op("retention.forever", OpType.DELETE, null));

        assertThat(result.errorCode()).isEqualTo(Errors.INVALID_CONFIG.code());
        assertThat(result.errorMessage()).contains("retention.forever");
    }

    @Test
    void aKeyNamedTwiceIsAnInvalidRequest() {
        AlterConfigsResourceResponse result = alterOrders(op("retention.ms", OpType.SET, "1"),
            op("retention.ms", OpType.DELETE, null));

        assertThat(result.errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
        assertThat(overrides()).doesNotContainKey("retention.ms");
    }

    @Test
    void aResourceNamedTwiceIsAnInvalidRequest() {
        List<AlterConfigsResourceResponse> results = send(IncrementalAlterConfigsHandler.LATEST_VERSION, false,
            resource(ConfigResource.Type.TOPIC, "orders", op("retention.ms", OpType.SET, "1")),
            resource(ConfigResource.Type.TOPIC, "orders", op("retention.ms", OpType.SET, "2")));

        assertThat(results).singleElement().extracting(AlterConfigsResourceResponse::errorCode)
            .isEqualTo(Errors.INVALID_REQUEST.code());
        assertThat(overrides()).doesNotContainKey("retention.ms");
    }

    @Test
    void brokerResourcesAreRefusedBecauseDynamicBrokerConfigIsNotSupported() {
        List<AlterConfigsResourceResponse> results = send(IncrementalAlterConfigsHandler.LATEST_VERSION, false,
            resource(ConfigResource.Type.BROKER, "1", op("log.retention.ms", OpType.SET, "1")));

        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
            assertThat(result.errorMessage()).contains("not supported");
            assertThat(result.resourceType()).isEqualTo(ConfigResource.Type.BROKER.id());
        });
    }
}
