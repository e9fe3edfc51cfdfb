package io.sluice.log.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.log.storage.LogConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsSynonym;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeConfigsRequest;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescribeConfigsHandlerTest {
    private static final Map<String, String> BROKER_CONFIGS = Map.of("log.dir", "/data/sluice",
        "num.partitions", "2", "ssl.keystore.password", "hunter2");

    @TempDir
    Path dataDir;
    AdminFixture fixture;
    DescribeConfigsHandler handler;

    @BeforeEach
    void setUp() {
        fixture = new AdminFixture(dataDir);
        handler = new DescribeConfigsHandler(fixture.registry, fixture.partitions, AdminFixture.TOPIC_DEFAULTS,
            BROKER_CONFIGS);
        fixture.registry.create("orders", 1, Map.of("cleanup.policy", "compact,delete", "retention.ms", "5000"));
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private static DescribeConfigsResource topic(String name, String... keys) {
        return new DescribeConfigsResource().setResourceType(ConfigResource.Type.TOPIC.id()).setResourceName(name)
            .setConfigurationKeys(keys.length == 0 ? null : List.of(keys));
    }

    private static DescribeConfigsResource broker(String name) {
        return new DescribeConfigsResource().setResourceType(ConfigResource.Type.BROKER.id()).setResourceName(name)
            .setConfigurationKeys(null);
    }

    private List<DescribeConfigsResult> send(short version, boolean synonyms, boolean documentation,
                                             DescribeConfigsResource... resources) {
        var data = new DescribeConfigsRequestData().setResources(List.of(resources)).setIncludeSynonyms(synonyms)
            .setIncludeDocumentation(documentation);
        DescribeConfigsRequest request = new DescribeConfigsRequest.Builder(data).build(version);
        var response = handler.handle(AdminFixture.context(ApiKeys.DESCRIBE_CONFIGS, version), request).join();
        return AdminFixture.asSeenByClient(response, version).data().results();
    }

    private DescribeConfigsResult describeOne(DescribeConfigsResource resource) {
        return send(DescribeConfigsHandler.LATEST_VERSION, false, false, resource).get(0);
    }

    private static DescribeConfigsResourceResult entry(DescribeConfigsResult result, String name) {
        return result.configs().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void listsEveryTopicKeyWithItsEffectiveValueAndSource() {
        DescribeConfigsResult result = describeOne(topic("orders"));

        assertThat(result.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(result.errorMessage()).isNull();
        assertThat(result.resourceName()).isEqualTo("orders");
        assertThat(result.configs()).extracting(DescribeConfigsResourceResult::name)
            .containsExactlyElementsOf(LogConfig.DEFINITION.keys().stream().map(k -> k.name()).toList());
        assertThat(entry(result, "cleanup.policy").value()).isEqualTo("compact,delete");
        assertThat(entry(result, "cleanup.policy").configSource()).isEqualTo(ConfigSource.TOPIC_CONFIG.id());
        assertThat(entry(result, "retention.ms").value()).isEqualTo("5000");
        assertThat(entry(result, "flush.messages").value()).isEqualTo("1");
        assertThat(entry(result, "flush.messages").configSource()).isEqualTo(ConfigSource.DEFAULT_CONFIG.id());
        assertThat(result.configs()).allSatisfy(config -> {
            assertThat(config.readOnly()).isFalse();
            assertThat(config.isSensitive()).isFalse();
            assertThat(config.synonyms()).isEmpty();
            assertThat(config.documentation()).isNull();
        });
    }

    @Test
    void aBrokerDefaultIsAStaticBrokerConfig() {
        fixture.registry.create("plain", 1, Map.of());

        DescribeConfigsResult result = describeOne(topic("plain", "retention.ms"));

        assertThat(result.configs()).singleElement().satisfies(config -> {
            assertThat(config.value()).isEqualTo("86400000");
            assertThat(config.configSource()).isEqualTo(ConfigSource.STATIC_BROKER_CONFIG.id());
        });
    }

    @Test
    void listsSynonymsMostSpecificFirstAndDocumentationAndTypesWhenAsked() {
        DescribeConfigsResult result = send(DescribeConfigsHandler.LATEST_VERSION, true, true,
            topic("orders", "retention.ms")).get(0);

        DescribeConfigsResourceResult retention = result.configs().get(0);
        assertThat(retention.synonyms()).extracting(DescribeConfigsSynonym::source).containsExactly(
            ConfigSource.TOPIC_CONFIG.id(), ConfigSource.STATIC_BROKER_CONFIG.id(), ConfigSource.DEFAULT_CONFIG.id());
        assertThat(retention.synonyms()).extracting(DescribeConfigsSynonym::value)
            .containsExactly("5000", "86400000", String.valueOf(7L * 24 * 60 * 60 * 1000));
        assertThat(retention.documentation()).isEqualTo(LogConfig.RETENTION_MS.doc());
        assertThat(retention.configType()).isEqualTo(ConfigType.LONG.id());
    }

    @Test
    void theOldestVersionCarriesSynonymsButNeitherDocumentationNorTypes() {
        DescribeConfigsResult result = send(DescribeConfigsHandler.OLDEST_VERSION, true, false,
            topic("orders", "cleanup.policy")).get(0);

        DescribeConfigsResourceResult policy = result.configs().get(0);
        assertThat(policy.value()).isEqualTo("compact,delete");
        assertThat(policy.configSource()).isEqualTo(ConfigSource.TOPIC_CONFIG.id());
        assertThat(policy.synonyms()).hasSize(2);
        // Neither field exists before v3: the client reads the schema defaults.
        assertThat(policy.configType()).isEqualTo(ConfigType.UNKNOWN.id());
        assertThat(policy.documentation()).isNullOrEmpty();
    }

    @Test
    void listsOnlyTheRequestedKeysAndIgnoresUnknownOnes() {
        DescribeConfigsResult result = describeOne(topic("orders", "segment.bytes", "no.such.key"));

        assertThat(result.configs()).extracting(DescribeConfigsResourceResult::name).containsExactly("segment.bytes");
    }

    @Test
    void anUnknownTopicFailsOnlyItsOwnResource() {
        List<DescribeConfigsResult> results = send(DescribeConfigsHandler.LATEST_VERSION, false, false,
            topic("missing"), topic("orders"));

        assertThat(results.get(0).errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        assertThat(results.get(0).errorMessage()).contains("missing");
        assertThat(results.get(0).configs()).isEmpty();
        assertThat(results.get(1).errorCode()).isEqualTo(Errors.NONE.code());
    }

    @Test
    void listsThisBrokersConfigReadOnlyWithSecretsHidden() {
        DescribeConfigsResult result = describeOne(broker(String.valueOf(AdminFixture.NODE_ID)));

        assertThat(result.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(result.configs()).extracting(DescribeConfigsResourceResult::name)
            .containsExactly("log.dir", "num.partitions", "ssl.keystore.password");
        assertThat(result.configs()).allSatisfy(config -> {
            assertThat(config.readOnly()).isTrue();
            assertThat(config.configSource()).isEqualTo(ConfigSource.STATIC_BROKER_CONFIG.id());
        });
        assertThat(entry(result, "log.dir").value()).isEqualTo("/data/sluice");
        assertThat(entry(result, "ssl.keystore.password").value()).isNull();
        assertThat(entry(result, "ssl.keystore.password").isSensitive()).isTrue();
    }

    @Test
    void theClusterWideBrokerDefaultsAreEmpty() {
        DescribeConfigsResult result = describeOne(broker(""));

        assertThat(result.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(result.configs()).isEmpty();
    }

    @Test
    void anotherBrokersIdIsAnInvalidRequest() {
        DescribeConfigsResult result = describeOne(broker("42"));

        assertThat(result.errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
        assertThat(result.errorMessage()).contains("42");
    }

    @Test
    void anUnsupportedResourceTypeIsAnInvalidRequest() {
        DescribeConfigsResult result = describeOne(new DescribeConfigsResource()
            .setResourceType(ConfigResource.Type.BROKER_LOGGER.id()).setResourceName("1"));

        assertThat(result.errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
    }

    @Test
    void advertisesVersionsOneToFour() {
        assertThat(handler.oldestVersion()).isEqualTo((short) 1);
        assertThat(handler.latestVersion()).isEqualTo((short) 4);
    }
}
