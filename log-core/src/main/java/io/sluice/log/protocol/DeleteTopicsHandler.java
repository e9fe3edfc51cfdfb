package io.sluice.log.protocol;

import io.sluice.log.cluster.LocalPartitions;
import io.sluice.log.cluster.TopicMetadata;
import io.sluice.log.cluster.TopicRegistry;
import io.sluice.log.errors.UnknownTopicOrPartitionException;
import io.sluice.log.server.ApiHandler;
import io.sluice.log.server.RequestContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.DeleteTopicsRequestData.DeleteTopicState;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsResponseData.DeletableTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.DeleteTopicsRequest;
import org.apache.kafka.common.requests.DeleteTopicsResponse;

/**
 * DeleteTopics (v1–v6): removes each topic from the {@link TopicRegistry} (durably, in the metadata log) and then
 * deletes its partition logs. From v6 a topic is named either by name or by id, never both.
 *
 * <p>As on Kafka: a topic named twice (by name, or by id, or once each way) is {@code INVALID_REQUEST}, an unknown
 * name is {@code UNKNOWN_TOPIC_OR_PARTITION} and an unknown id {@code UNKNOWN_TOPIC_ID}; a result carries the
 * name and, from v6, the id. Unlike Kafka, the broker-managed topics ({@link BrokerManagedTopics}) cannot be
 * deleted: {@code INVALID_TOPIC_EXCEPTION}.
 *
 * <p>Threading: called on request threads; the registry serializes deletions, so of two racing deletes one
 * succeeds and the other gets an unknown-topic error. The topic disappears from the registry before its logs
 * are deleted, so no new request can open them in between.
 */
public final class DeleteTopicsHandler implements ApiHandler {
    static final short OLDEST_VERSION = 1;
    static final short LATEST_VERSION = 6;

    private final TopicRegistry topics;
    private final LocalPartitions partitions;

    public DeleteTopicsHandler(TopicRegistry topics, LocalPartitions partitions) {
        this.topics = topics;
        this.partitions = partitions;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DELETE_TOPICS;
    }

    @Override
    public short oldestVersion() {
        return OLDEST_VERSION;
    }

    @Override
    public short latestVersion() {
        return LATEST_VERSION;
    }

    /** A topic as the request names it: by name (id zero) or by id (name null). */
    private record Target(String name, Uuid id) {
        boolean byId() {
            return name == null;
        }
    }

    @Override
    public CompletableFuture<DeleteTopicsResponse> handle(RequestContext context, AbstractRequest request) {
        var data = ((DeleteTopicsRequest) request).data();
        List<Target> targets = new ArrayList<>();
        if (request.version() >= 6) {
            for (DeleteTopicState topic : data.topics()) {
                targets.add(new Target(topic.name(), topic.topicId()));
            }
        } else {
            data.topicNames().forEach(name -> targets.add(new Target(name, Uuid.ZERO_UUID)));
        }
        // The same topic twice, however named, is refused as a whole: which of the two results would be true?
        Map<String, Integer> mentions = new HashMap<>();
        for (Target target : targets) {
            resolvedName(target).ifPresent(name -> mentions.merge(name, 1, Integer::sum));
        }
        var response = new DeleteTopicsResponseData();
        for (Target target : targets) {
            ApiError malformed = malformed(target);
            if (malformed != null) {
                response.responses().add(result(target.name(), target.id(), malformed));
            } else if (resolvedName(target).map(mentions::get).orElse(1) > 1) {
                response.responses().add(result(target.name(), target.id(), new ApiError(Errors.INVALID_REQUEST,
                    "Topic " + (target.byId() ? "id " + target.id() : "'" + target.name() + "'")
                        + " is named more than once in the request.")));
            } else {
                response.responses().add(delete(target));
            }
        }
        return CompletableFuture.completedFuture(new DeleteTopicsResponse(response));
    }

    private static ApiError malformed(Target target) {
        boolean hasId = !Uuid.ZERO_UUID.equals(target.id());
        if (target.name() == null && !hasId) {
            return new ApiError(Errors.INVALID_REQUEST, "Neither topic name nor id were specified.");
        }
        if (target.name() != null && hasId) {
            return new ApiError(Errors.INVALID_REQUEST, "You may not specify both topic name and topic id.");
        }
        return null;
    }

    /** The name the target refers to, if it is well-formed and (for an id) known. */
    private Optional<String> resolvedName(Target target) {
        if (malformed(target) != null) {
            return Optional.empty();
        }
        return target.byId() ? topics.topic(toUUID(target.id())).map(TopicMetadata::name)
            : Optional.of(target.name());
    }

    private DeletableTopicResult delete(Target target) {
        try {
            TopicMetadata topic = target.byId()
                ? topics.topic(toUUID(target.id())).orElseThrow(() -> new UnknownTopicOrPartitionException(
                    "No topic with id " + target.id()))
                : topics.topic(target.name()).orElseThrow(() -> new UnknownTopicOrPartitionException(
                    "Topic '" + target.name() + "' does not exist"));
            if (BrokerManagedTopics.contains(topic.name())) {
                return result(topic.name(), toUuid(topic.topicId()), new ApiError(Errors.INVALID_TOPIC_EXCEPTION,
                    BrokerManagedTopics.refusal(topic.name(), "delete")));
            }
            TopicMetadata deleted = topics.delete(topic.name());
            partitions.deleteLogs(deleted);
            return result(deleted.name(), toUuid(deleted.topicId()), ApiError.NONE);
        } catch (RuntimeException e) {
            ApiError error = target.byId() ? AdminErrors.toApiErrorForTopicId(e) : AdminErrors.toApiError(e);
            return result(target.name(), target.id(), error);
        }
    }

    private static DeletableTopicResult result(String name, Uuid id, ApiError error) {
        return new DeletableTopicResult()
            .setName(name)
            .setTopicId(id)
            .setErrorCode(error.error().code())
            .setErrorMessage(error.message());
    }

    private static UUID toUUID(Uuid id) {
        return new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    private static Uuid toUuid(UUID id) {
        return new Uuid(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }
}
