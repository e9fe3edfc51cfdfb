package io.sluice.log.protocol;

import io.sluice.log.cluster.LocalPartitions;
import io.sluice.log.cluster.TopicMetadata;
import io.sluice.log.cluster.TopicRegistry;
import io.sluice.log.server.ApiHandler;
import io.sluice.log.server.RequestContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicConfigs;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.CreateTopicsResponse;

/**
 * CreateTopics (v2–v7) on a single node: each requested topic is validated and created in the
 * {@link TopicRegistry}, then its partition logs are created at once so they exist on disk when the response
 * leaves. Each topic gets its own result; one bad topic does not fail the others.
 *
 * <p>What a single node changes: the replication factor may be -1 (the default) or 1, anything larger is
 * {@code INVALID_REPLICATION_FACTOR}; manual replica assignments are {@code INVALID_REQUEST}, since every
 * partition lives on this node. {@code numPartitions = -1} takes the broker default ({@code num.partitions}).
 * Names the broker reserves for itself ({@link BrokerManagedTopics}) are {@code INVALID_TOPIC_EXCEPTION}; other
 * names starting with "__" are allowed, as on Kafka. A name given twice is {@code INVALID_REQUEST}, as on Kafka.
 *
 * <p>Successful results carry the topic id (v7+), partition count, replication factor and, from v5, every topic
 * config with its source — also with {@code validateOnly}, where the id is the one the topic would have had.
 *
 * <p>Threading: called on request threads, concurrently; the registry serializes creations, so two requests
 * racing for one name get one success and one {@code TOPIC_ALREADY_EXISTS}. Errors map through
 * {@link AdminErrors}.
 */
public final class CreateTopicsHandler implements ApiHandler {
    static final short OLDEST_VERSION = 2;
    static final short LATEST_VERSION = 7;
    /** A single node holds one replica of everything. */
    private static final short REPLICATION_FACTOR = 1;

    private final TopicRegistry topics;
    private final LocalPartitions partitions;
    private final int defaultNumPartitions;
    private final TopicConfigDescriber configs;

    /**
     * @param defaultNumPartitions the broker's {@code num.partitions}, used when a request says -1
     * @param topicDefaults        the broker's topic-level defaults (as given to {@link TopicRegistry#load}), to
     *                             report each config's source
     */
    public CreateTopicsHandler(TopicRegistry topics, LocalPartitions partitions, int defaultNumPartitions,
                               Map<String, ?> topicDefaults) {
        if (defaultNumPartitions < 1) {
            throw new IllegalArgumentException("num.partitions must be at least 1, got " + defaultNumPartitions);
        }
        this.topics = topics;
        this.partitions = partitions;
        this.defaultNumPartitions = defaultNumPartitions;
        this.configs = new TopicConfigDescriber(topicDefaults);
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.CREATE_TOPICS;
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
    public CompletableFuture<CreateTopicsResponse> handle(RequestContext context, AbstractRequest request) {
        var data = ((CreateTopicsRequest) request).data();
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new HashSet<>();
        for (CreatableTopic topic : data.topics()) {
            if (!seen.add(topic.name())) {
                duplicates.add(topic.name());
            }
        }
        var response = new CreateTopicsResponseData();
        Set<String> answered = new HashSet<>();
        for (CreatableTopic topic : data.topics()) {
            if (duplicates.contains(topic.name())) {
                // One result per name: the client matches results to topics by name.
                if (answered.add(topic.name())) {
                    response.topics().add(failed(topic.name(), new ApiError(Errors.INVALID_REQUEST,
                        "Duplicate topic name.")));
                }
                continue;
            }
            response.topics().add(create(topic, data.validateOnly()));
        }
        return CompletableFuture.completedFuture(new CreateTopicsResponse(response));
    }

    private CreatableTopicResult create(CreatableTopic request, boolean validateOnly) {
        String name = request.name();
        ApiError refusal = refusal(request);
        if (refusal != null) {
            return failed(name, refusal);
        }
        int partitionCount = request.numPartitions() == CreateTopicsRequest.NO_NUM_PARTITIONS
            ? defaultNumPartitions : request.numPartitions();
        Map<String, String> overrides = new LinkedHashMap<>();
        for (CreatableTopicConfig config : request.configs()) {
            overrides.put(config.name(), config.value());
        }
        try {
            TopicMetadata topic;
            if (validateOnly) {
                topic = topics.validateCreate(name, partitionCount, overrides);
            } else {
                topic = topics.create(name, partitionCount, overrides);
                // Should this fail (disk), the topic still exists and its logs are created on first use; the
                // client sees the error and a retry answers TOPIC_ALREADY_EXISTS, which admin tools accept.
                partitions.createLogs(topic);
            }
            return created(topic);
        } catch (RuntimeException e) {
            return failed(name, AdminErrors.toApiError(e));
        }
    }

    /** What a single node refuses before the registry sees the topic; null if nothing. */
    private ApiError refusal(CreatableTopic request) {
        String name = request.name();
        if (BrokerManagedTopics.contains(name)) {
            return new ApiError(Errors.INVALID_TOPIC_EXCEPTION, BrokerManagedTopics.refusal(name, "create"));
        }
        if (!request.assignments().isEmpty()) {
            return new ApiError(Errors.INVALID_REQUEST, "Manual replica assignment is not supported for topic '"
                + name + "': this is a single-node cluster, every partition lives on node " + partitions.nodeId());
        }
        short replicationFactor = request.replicationFactor();
        if (replicationFactor == 0 || replicationFactor < CreateTopicsRequest.NO_REPLICATION_FACTOR) {
            return new ApiError(Errors.INVALID_REPLICATION_FACTOR, "Replication factor of topic '" + name
                + "' must be larger than 0, or -1 to use the default, got " + replicationFactor);
        }
        if (replicationFactor > REPLICATION_FACTOR) {
            return new ApiError(Errors.INVALID_REPLICATION_FACTOR, "Unable to replicate topic '" + name + "' "
                + replicationFactor + " times: this is a single-node cluster, use a replication factor of 1 or -1");
        }
        if (request.numPartitions() == 0 || request.numPartitions() < CreateTopicsRequest.NO_NUM_PARTITIONS) {
            return new ApiError(Errors.INVALID_PARTITIONS, "Number of partitions of topic '" + name
                + "' must be larger than 0, or -1 to use the default, got " + request.numPartitions());
        }
        List<String> nullConfigs = new ArrayList<>();
        for (CreatableTopicConfig config : request.configs()) {
            if (config.value() == null) {
                nullConfigs.add(config.name());
            }
        }
        if (!nullConfigs.isEmpty()) {
            return new ApiError(Errors.INVALID_CONFIG, "Null value not supported for topic configs: "
                + String.join(",", nullConfigs));
        }
        return null;
    }

    private CreatableTopicResult created(TopicMetadata topic) {
        List<CreatableTopicConfigs> described = new ArrayList<>();
        for (var config : configs.describe(topic.configOverrides())) {
            described.add(new CreatableTopicConfigs()
                .setName(config.name())
                .setValue(config.value())
                .setReadOnly(false)
                .setConfigSource(config.source().id())
                .setIsSensitive(false));
        }
        // Fields newer than the request's version are dropped when the response is written.
        return new CreatableTopicResult()
            .setName(topic.name())
            .setTopicId(new Uuid(topic.topicId().getMostSignificantBits(), topic.topicId().getLeastSignificantBits()))
            .setErrorCode(Errors.NONE.code())
            .setErrorMessage(null)
            .setNumPartitions(topic.partitionCount())
            .setReplicationFactor(REPLICATION_FACTOR)
            .setConfigs(described);
    }

    private static CreatableTopicResult failed(String name, ApiError error) {
        return new CreatableTopicResult()
            .setName(name)
            .setErrorCode(error.error().code())
            .setErrorMessage(error.message());
    }
}
