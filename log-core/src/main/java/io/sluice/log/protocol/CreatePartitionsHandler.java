package io.sluice.log.protocol;

import io.sluice.log.cluster.LocalPartitions;
import io.sluice.log.cluster.TopicMetadata;
import io.sluice.log.cluster.TopicRegistry;
import io.sluice.log.server.ApiHandler;
import io.sluice.log.server.RequestContext;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsTopic;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreatePartitionsResponseData.CreatePartitionsTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.CreatePartitionsRequest;
import org.apache.kafka.common.requests.CreatePartitionsResponse;

/**
 * CreatePartitions (v0–v3): grows each topic to the requested partition count in the {@link TopicRegistry} and
 * creates the new partitions' logs. A count that is not larger than the current one is
 * {@code INVALID_PARTITIONS}; replica assignments are {@code INVALID_REQUEST} (single node: every partition lives
 * here, so only {@code null} assignments make sense); a topic named twice is {@code INVALID_REQUEST}; the
 * broker-managed topics ({@link BrokerManagedTopics}) cannot be grown, since the broker maps keys to their
 * partitions. {@code validateOnly} checks everything and changes nothing.
 *
 * <p>Threading: called on request threads; the registry serializes the changes, so two racing requests for the
 * same topic cannot both grow it from the same count.
 */
public final class CreatePartitionsHandler implements ApiHandler {
    static final short OLDEST_VERSION = 0;
    static final short LATEST_VERSION = 3;

    private final TopicRegistry topics;
    private final LocalPartitions partitions;

    public CreatePartitionsHandler(TopicRegistry topics, LocalPartitions partitions) {
        this.topics = topics;
        this.partitions = partitions;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.CREATE_PARTITIONS;
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
    public CompletableFuture<CreatePartitionsResponse> handle(RequestContext context, AbstractRequest request) {
        var data = ((CreatePartitionsRequest) request).data();
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new HashSet<>();
        for (CreatePartitionsTopic topic : data.topics()) {
            if (!seen.add(topic.name())) {
                duplicates.add(topic.name());
            }
        }
        var response = new CreatePartitionsResponseData();
        Set<String> answered = new HashSet<>();
        for (CreatePartitionsTopic topic : data.topics()) {
            if (!duplicates.contains(topic.name())) {
                response.results().add(result(topic.name(), grow(topic, data.validateOnly())));
            } else if (answered.add(topic.name())) {
                response.results().add(result(topic.name(), new ApiError(Errors.INVALID_REQUEST,
                    "Duplicate topic name.")));
            }
        }
        return CompletableFuture.completedFuture(new CreatePartitionsResponse(response));
    }

    private ApiError grow(CreatePartitionsTopic request, boolean validateOnly) {
        String name = request.name();
        if (request.assignments() != null) {
            return new ApiError(Errors.INVALID_REQUEST, "Replica assignment is not supported for topic '" + name
                + "': this is a single-node cluster, every partition lives on node " + partitions.nodeId());
        }
        if (BrokerManagedTopics.contains(name)) {
            return new ApiError(Errors.INVALID_TOPIC_EXCEPTION, BrokerManagedTopics.refusal(name, "add partitions to"));
        }
        try {
            TopicMetadata grown = topics.createPartitions(name, request.count(), validateOnly);
            if (!validateOnly) {
                partitions.createLogs(grown);
            }
            return ApiError.NONE;
        } catch (RuntimeException e) {
            return AdminErrors.toApiError(e);
        }
    }

    private static CreatePartitionsTopicResult result(String name, ApiError error) {
        return new CreatePartitionsTopicResult()
            .setName(name)
            .setErrorCode(error.error().code())
            .setErrorMessage(error.message());
    }
}
