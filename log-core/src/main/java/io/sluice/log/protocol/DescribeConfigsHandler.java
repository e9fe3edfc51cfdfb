package io.sluice.log.protocol;

import io.sluice.log.cluster.LocalPartitions;
import io.sluice.log.cluster.TopicMetadata;
import io.sluice.log.cluster.TopicRegistry;
import io.sluice.log.errors.UnknownTopicOrPartitionException;
import io.sluice.log.server.ApiHandler;
import io.sluice.log.server.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsSynonym;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.DescribeConfigsRequest;
import org.apache.kafka.common.requests.DescribeConfigsResponse;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;

/**
 * DescribeConfigs (v1–v4) for topics and for this broker; each resource gets its own result and error.
 *
 * <p>A topic lists every key of {@link io.sluice.log.storage.LogConfig#DEFINITION} with its effective value and
 * its source ({@code DYNAMIC_TOPIC_CONFIG} for the topic's overrides, {@code STATIC_BROKER_CONFIG} for broker
 * defaults, else {@code DEFAULT_CONFIG}; see {@link TopicConfigDescriber}); none is read-only or sensitive. An
 * unknown topic is {@code UNKNOWN_TOPIC_OR_PARTITION}.
 *
 * <p>The broker (resource name = this node's id) lists the broker's configuration as given at startup: read-only
 * (there are no dynamic broker configs yet), {@code STATIC_BROKER_CONFIG}, and keys that look like secrets
 * (containing "password" or "secret") sensitive with a null value, as Kafka hides password-typed keys. The empty
 * name — Kafka's cluster-wide dynamic defaults — has no entries; another broker id is {@code INVALID_REQUEST}.
 * Other resource types are {@code INVALID_REQUEST}.
 *
 * <p>{@code configurationKeys} filters the keys (null: all; an unknown key is just absent), synonyms and
 * documentation are filled only when asked for. Threading: read-only, on request threads, from the registry's
 * published snapshot.
 */
public final class DescribeConfigsHandler implements ApiHandler {
    static final short OLDEST_VERSION = 1;
    static final short LATEST_VERSION = 4;

    private final TopicRegistry topics;
    private final int nodeId;
    private final TopicConfigDescriber topicConfigs;
    private final Map<String, String> brokerConfigs;

    /**
     * @param topicDefaults the broker's topic-level defaults (as given to {@link TopicRegistry#load})
     * @param brokerConfigs the broker's configuration, listed for the BROKER resource
     */
    public DescribeConfigsHandler(TopicRegistry topics, LocalPartitions partitions, Map<String, ?> topicDefaults,
                                  Map<String, String> brokerConfigs) {
        this.topics = topics;
        this.nodeId = partitions.nodeId();
        this.topicConfigs = new TopicConfigDescriber(topicDefaults);
        this.brokerConfigs = new TreeMap<>(brokerConfigs);
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DESCRIBE_CONFIGS;
    }

    @Override
    public short oldestVersion() {
        return OLDEST_VERSION;
    }

    @Override
    public short latestVersion() {
        return LATEST_VERSION;
    }

    @Override
    public CompletableFuture<DescribeConfigsResponse> handle(RequestContext context, AbstractRequest request) {
        var data = ((DescribeConfigsRequest) request).data();
        var response = new DescribeConfigsResponseData();
        for (DescribeConfigsResource resource : data.resources()) {
            var result = new DescribeConfigsResult()
                .setResourceType(resource.resourceType())
                .setResourceName(resource.resourceName());
            Predicate<String> wanted = resource.configurationKeys() == null ? name -> true
                : Set.copyOf(resource.configurationKeys())::contains;
            ConfigResource.Type type = ConfigResource.Type.forId(resource.resourceType());
            String name = resource.resourceName();
            try {
                if (type == ConfigResource.Type.TOPIC) {
                    succeed(result, describeTopic(name, wanted, data.includeSynonyms(), data.includeDocumentation()));
                } else if (type == ConfigResource.Type.BROKER && name.isEmpty()) {
                    succeed(result, List.of()); // Kafka's cluster-wide dynamic broker defaults: we have none
                } else if (type == ConfigResource.Type.BROKER && name.equals(String.valueOf(nodeId))) {
                    succeed(result, describeBroker(wanted, data.includeSynonyms()));
                } else if (type == ConfigResource.Type.BROKER) {
                    fail(result, new ApiError(Errors.INVALID_REQUEST, "Unexpected broker id, expected " + nodeId
                        + " or empty string, but received '" + name + "'"));
                } else {
                    fail(result, new ApiError(Errors.INVALID_REQUEST, "Unsupported resource type "
                        + resource.resourceType() + " for resource '" + name + "'"));
                }
            } catch (RuntimeException e) {
                fail(result, AdminErrors.toApiError(e));
            }
            response.results().add(result);
        }
        return CompletableFuture.completedFuture(new DescribeConfigsResponse(response));
    }

    private List<DescribeConfigsResourceResult> describeTopic(String name, Predicate<String> wanted,
                                                              boolean includeSynonyms, boolean includeDocumentation) {
        TopicMetadata topic = topics.topic(name).orElseThrow(() ->
            new UnknownTopicOrPartitionException("Topic '" + name + "' does not exist"));
        List<DescribeConfigsResourceResult> configs = new ArrayList<>();
        for (var config : topicConfigs.describe(topic.configOverrides())) {
            if (!wanted.test(config.name())) {
                continue;
            }
            List<DescribeConfigsSynonym> synonyms = new ArrayList<>();
            if (includeSynonyms) {
                config.synonyms().forEach(synonym -> synonyms.add(new DescribeConfigsSynonym()
                    .setName(synonym.name())
                    .setValue(synonym.value())
                    .setSource(synonym.source().id())));
            }
            configs.add(new DescribeConfigsResourceResult()
                .setName(config.name())
                .setValue(config.value())
                .setReadOnly(false)
                .setConfigSource(config.source().id())
                .setIsSensitive(false)
                .setSynonyms(synonyms)
                .setConfigType(TopicConfigDescriber.configType(config.key()).id())
                .setDocumentation(includeDocumentation ? config.key().doc() : null));
        }
        return configs;
    }

    private List<DescribeConfigsResourceResult> describeBroker(Predicate<String> wanted, boolean includeSynonyms) {
        List<DescribeConfigsResourceResult> configs = new ArrayList<>();
        brokerConfigs.forEach((key, value) -> {
            if (!wanted.test(key)) {
                return;
            }
            boolean sensitive = isSensitive(key);
            String shown = sensitive ? null : value;
            List<DescribeConfigsSynonym> synonyms = includeSynonyms
                ? List.of(new DescribeConfigsSynonym().setName(key).setValue(shown)
                    .setSource(ConfigSource.STATIC_BROKER_CONFIG.id()))
                : List.of();
            configs.add(new DescribeConfigsResourceResult()
                .setName(key)
                .setValue(shown)
                .setReadOnly(true)
                .setConfigSource(ConfigSource.STATIC_BROKER_CONFIG.id())
                .setIsSensitive(sensitive)
                .setSynonyms(new ArrayList<>(synonyms))
                .setConfigType((sensitive ? ConfigType.PASSWORD : ConfigType.UNKNOWN).id()));
        });
        return configs;
    }

    private static boolean isSensitive(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret");
    }

    private static void succeed(DescribeConfigsResult result, List<DescribeConfigsResourceResult> configs) {
        result.setErrorCode(Errors.NONE.code()).setErrorMessage(null).setConfigs(new ArrayList<>(configs));
    }

    private static void fail(DescribeConfigsResult result, ApiError error) {
        result.setErrorCode(error.error().code()).setErrorMessage(error.message()).setConfigs(new ArrayList<>());
    }
}
