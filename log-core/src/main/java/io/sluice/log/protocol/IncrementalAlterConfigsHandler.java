package io.sluice.log.protocol;

import io.sluice.log.cluster.LocalPartitions;
import io.sluice.log.cluster.TopicMetadata;
import io.sluice.log.cluster.TopicRegistry;
import io.sluice.log.config.ConfigException;
import io.sluice.log.config.ConfigKey;
import io.sluice.log.errors.UnknownTopicOrPartitionException;
import io.sluice.log.server.ApiHandler;
import io.sluice.log.server.RequestContext;
import io.sluice.log.storage.LogConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.AlterConfigOp.OpType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.IncrementalAlterConfigsRequest;
import org.apache.kafka.common.requests.IncrementalAlterConfigsResponse;

/**
 * IncrementalAlterConfigs (v0–v1) for topics: each TOPIC resource's operations are turned into one set of
 * override changes, validated together and written to the {@link TopicRegistry} in one record — all or nothing
 * per resource — then pushed to the topic's open logs with {@link LocalPartitions#applyConfig}.
 *
 * <p>Operations (KIP-339): SET sets an override; DELETE removes it (back to the broker default); APPEND and
 * SUBTRACT add or remove items of a list key (e.g. {@code cleanup.policy}), starting from the topic's effective
 * value, and are {@code INVALID_CONFIG} on other keys. An unknown key, a bad value or a null value is
 * {@code INVALID_CONFIG}; a key named twice in one resource, an unknown operation or a resource named twice in
 * one request is {@code INVALID_REQUEST}; an unknown topic is {@code UNKNOWN_TOPIC_OR_PARTITION}.
 * {@code validateOnly} checks everything and changes nothing.
 *
 * <p>BROKER (and BROKER_LOGGER) resources are {@code INVALID_REQUEST}: there are no dynamic broker configs yet,
 * the broker reads its configuration at startup. Other resource types are {@code INVALID_REQUEST} too.
 *
 * <p>Threading: called on request threads. The registry serializes alterations; an APPEND/SUBTRACT reads the
 * effective value before the registry's lock, so two concurrent list edits of one key may lose one (as two racing
 * SETs would); Kafka's controller serializes these, we accept the race for now.
 */
public final class IncrementalAlterConfigsHandler implements ApiHandler {
    static final short OLDEST_VERSION = 0;
    static final short LATEST_VERSION = 1;

    private final TopicRegistry topics;
    private final LocalPartitions partitions;

    public IncrementalAlterConfigsHandler(TopicRegistry topics, LocalPartitions partitions) {
        this.topics = topics;
        this.partitions = partitions;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.INCREMENTAL_ALTER_CONFIGS;
    }

    @Override
    public short oldestVersion() {
        return OLDEST_VERSION;
    }

    @Override
    public short latestVersion() {
        return LATEST_VERSION;
    }

    private record ResourceKey(byte type, String name) {
    }

    @Override
    public CompletableFuture<IncrementalAlterConfigsResponse> handle(RequestContext context, AbstractRequest request) {
        var data = ((IncrementalAlterConfigsRequest) request).data();
        Set<ResourceKey> seen = new HashSet<>();
        Set<ResourceKey> duplicates = new HashSet<>();
        for (AlterConfigsResource resource : data.resources()) {
            ResourceKey key = new ResourceKey(resource.resourceType(), resource.resourceName());
            if (!seen.add(key)) {
                duplicates.add(key);
            }
        }
        var response = new IncrementalAlterConfigsResponseData();
        Set<ResourceKey> answered = new HashSet<>();
        for (AlterConfigsResource resource : data.resources()) {
            ResourceKey key = new ResourceKey(resource.resourceType(), resource.resourceName());
            if (!duplicates.contains(key)) {
                response.responses().add(result(resource, alter(resource, data.validateOnly())));
            } else if (answered.add(key)) {
                response.responses().add(result(resource, new ApiError(Errors.INVALID_REQUEST, "Duplicate resource.")));
            }
        }
        return CompletableFuture.completedFuture(new IncrementalAlterConfigsResponse(response));
    }

    private ApiError alter(AlterConfigsResource resource, boolean validateOnly) {
        ConfigResource.Type type = ConfigResource.Type.forId(resource.resourceType());
        if (type == ConfigResource.Type.BROKER || type == ConfigResource.Type.BROKER_LOGGER) {
            return new ApiError(Errors.INVALID_REQUEST, "Dynamic broker configuration is not supported yet: set '"
                + resource.resourceName() + "' broker configs in the broker's configuration and restart it");
        }
        if (type != ConfigResource.Type.TOPIC) {
            return new ApiError(Errors.INVALID_REQUEST, "Unsupported resource type " + resource.resourceType()
                + " for resource '" + resource.resourceName() + "'");
        }
        String name = resource.resourceName();
        try {
            if (topics.topic(name).isEmpty()) {
                throw new UnknownTopicOrPartitionException("Topic '" + name + "' does not exist");
            }
            ApiError malformed = malformed(resource);
            if (malformed != null) {
                return malformed;
            }
            TopicMetadata altered = topics.alterConfigs(name, changes(name, resource), validateOnly);
            if (!validateOnly) {
                partitions.applyConfig(altered);
            }
            return ApiError.NONE;
        } catch (RuntimeException e) {
            return AdminErrors.toApiError(e);
        }
    }

    /** Request-shape problems, which Kafka answers with INVALID_REQUEST rather than INVALID_CONFIG. */
    private static ApiError malformed(AlterConfigsResource resource) {
        Set<String> keys = new HashSet<>();
        for (AlterableConfig config : resource.configs()) {
            if (!keys.add(config.name())) {
                return new ApiError(Errors.INVALID_REQUEST, "Error due to duplicate config keys: '"
                    + config.name() + "' is named more than once for topic '" + resource.resourceName() + "'");
            }
            if (OpType.forId(config.configOperation()) == null) {
                return new ApiError(Errors.INVALID_REQUEST, "Unknown config operation "
                    + config.configOperation() + " for key '" + config.name() + "'");
            }
        }
        return null;
    }

    /**
     * The override changes the operations make: a value sets the key, null removes the override.
     *
     * @throws ConfigException for an unknown key, a null value, or a list operation on a non-list key
     */
    private Map<String, String> changes(String topic, AlterConfigsResource resource) {
        Map<String, String> changes = new HashMap<>();
        for (AlterableConfig config : resource.configs()) {
            String key = config.name();
            ConfigKey<?> declared = LogConfig.DEFINITION.keys().stream()
                .filter(candidate -> candidate.name().equals(key)).findFirst()
                .orElseThrow(() -> new ConfigException("Unknown topic config name: " + key));
            OpType op = OpType.forId(config.configOperation());
            if (op != OpType.DELETE && config.value() == null) {
                throw new ConfigException("Null value not supported for " + op + " of topic config '" + key + "'");
            }
            switch (op) {
                case SET -> changes.put(key, config.value());
                case DELETE -> changes.put(key, null);
                case APPEND, SUBTRACT -> changes.put(key, editList(topic, declared, op, config.value()));
            }
        }
        return changes;
    }

    private String editList(String topic, ConfigKey<?> key, OpType op, String items) {
        if (!"list".equals(key.typeName())) {
            throw new ConfigException("Can't " + op + " to key '" + key.name() + "' because its type is not LIST");
        }
        List<String> current = new ArrayList<>();
        if (topics.logConfig(topic).values().get(key.name()) instanceof List<?> list) {
            list.forEach(item -> current.add(String.valueOf(item)));
        }
        for (String item : Arrays.stream(items.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
            if (op == OpType.APPEND && !current.contains(item)) {
                current.add(item);
            } else if (op == OpType.SUBTRACT) {
                current.remove(item);
            }
        }
        return String.join(",", current);
    }

    private static AlterConfigsResourceResponse result(AlterConfigsResource resource, ApiError error) {
        return new AlterConfigsResourceResponse()
            .setResourceType(resource.resourceType())
            .setResourceName(resource.resourceName())
            .setErrorCode(error.error().code())
            .setErrorMessage(error.message());
    }
}
