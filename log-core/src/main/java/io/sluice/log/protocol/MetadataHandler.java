package io.sluice.log.protocol;

import io.sluice.log.cluster.BrokerEndpoint;
import io.sluice.log.cluster.LocalPartitions;
import io.sluice.log.cluster.TopicMetadata;
import io.sluice.log.cluster.TopicRegistry;
import io.sluice.log.errors.TopicExistsException;
import io.sluice.log.server.ApiHandler;
import io.sluice.log.server.ErrorMapping;
import io.sluice.log.server.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;

/**
 * Metadata: this broker, and for each requested topic (or all) its id and partitions, every one led by this
 * node at {@link LocalPartitions#LEADER_EPOCH}. Unknown topics are created when both the request and the broker
 * allow it ({@code auto.create.topics.enable}), with the broker's default partition count, and are returned
 * ready to use. Runs on a request thread; creation is serialized inside the {@link TopicRegistry}.
 */
public final class MetadataHandler implements ApiHandler {
    private final TopicRegistry topics;
    private final LocalPartitions partitions;
    private final Supplier<BrokerEndpoint> self;
    private final String clusterId;
    private final boolean autoCreateTopics;
    private final int defaultPartitions;

    public MetadataHandler(TopicRegistry topics, LocalPartitions partitions, Supplier<BrokerEndpoint> self,
                           String clusterId, boolean autoCreateTopics, int defaultPartitions) {
        this.topics = topics;
        this.partitions = partitions;
        this.self = self;
        this.clusterId = clusterId;
        this.autoCreateTopics = autoCreateTopics;
        this.defaultPartitions = defaultPartitions;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.METADATA;
    }

    @Override
    public CompletableFuture<MetadataResponse> handle(RequestContext context, AbstractRequest request) {
        MetadataRequestData data = ((MetadataRequest) request).data();
        BrokerEndpoint broker = self.get();
        MetadataResponseData response = new MetadataResponseData()
            .setClusterId(clusterId)
            .setControllerId(broker.nodeId());
        response.brokers().add(new MetadataResponseData.MetadataResponseBroker()
            .setNodeId(broker.nodeId()).setHost(broker.host()).setPort(broker.port()));
        if (data.topics() == null) {
            topics.topics().stream().filter(topic -> !topic.name().equals(TopicRegistry.METADATA_PARTITION.topic()))
                .forEach(topic -> response.topics().add(describe(topic)));
        } else {
            for (MetadataRequestData.MetadataRequestTopic requested : data.topics()) {
                response.topics().add(lookup(requested, data.allowAutoTopicCreation()));
            }
        }
        return CompletableFuture.completedFuture(new MetadataResponse(response, context.apiVersion()));
    }

    private MetadataResponseData.MetadataResponseTopic lookup(MetadataRequestData.MetadataRequestTopic requested,
                                                              boolean allowAutoCreate) {
        if (requested.name() == null && requested.topicId() != null && !requested.topicId().equals(Uuid.ZERO_UUID)) {
            return topics.topic(Uuids.fromKafka(requested.topicId())).map(this::describe)
                .orElseGet(() -> error(null, requested.topicId(), Errors.UNKNOWN_TOPIC_ID));
        }
        Optional<TopicMetadata> found = topics.topic(requested.name());
        if (found.isPresent()) {
            return describe(found.get());
        }
        if (allowAutoCreate && autoCreateTopics) {
            return autoCreate(requested.name());
        }
        return error(requested.name(), Uuid.ZERO_UUID, Errors.UNKNOWN_TOPIC_OR_PARTITION);
    }

    /** Creates a topic a client asked for; an illegal name is reported for that topic alone. */
    private MetadataResponseData.MetadataResponseTopic autoCreate(String name) {
        try {
            TopicMetadata created = topics.create(name, defaultPartitions, Map.of());
            partitions.createLogs(created);
            return describe(created);
        } catch (TopicExistsException raced) {
            // Another request created it first: use theirs.
            return describe(topics.topic(name).orElseThrow());
        } catch (RuntimeException refused) {
            return error(name, Uuid.ZERO_UUID, ErrorMapping.toError(refused));
        }
    }

    private MetadataResponseData.MetadataResponseTopic describe(TopicMetadata topic) {
        MetadataResponseData.MetadataResponseTopic result = new MetadataResponseData.MetadataResponseTopic()
            .setName(topic.name())
            .setTopicId(Uuids.toKafka(topic.topicId()))
            .setIsInternal(topic.isInternal())
            .setErrorCode(Errors.NONE.code());
        int node = partitions.nodeId();
        List<MetadataResponseData.MetadataResponsePartition> list = new ArrayList<>();
        for (int p = 0; p < topic.partitionCount(); p++) {
            list.add(new MetadataResponseData.MetadataResponsePartition()
                .setPartitionIndex(p)
                .setErrorCode(Errors.NONE.code())
                .setLeaderId(node)
                .setLeaderEpoch(LocalPartitions.LEADER_EPOCH)
                .setReplicaNodes(List.of(node))
                .setIsrNodes(List.of(node))
                .setOfflineReplicas(List.of()));
        }
        return result.setPartitions(list);
    }

    private static MetadataResponseData.MetadataResponseTopic error(String name, Uuid id, Errors error) {
        return new MetadataResponseData.MetadataResponseTopic().setName(name).setTopicId(id)
            .setErrorCode(error.code());
    }
}
