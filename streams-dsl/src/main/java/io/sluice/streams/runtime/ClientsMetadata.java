package io.sluice.streams.runtime;

import io.sluice.streams.StreamsMetadata;
import io.sluice.streams.processor.internals.InternalTopologyBuilder.SubtopologyTopics;
import io.sluice.streams.state.HostInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns an assignment's {@code application.server} → partitions map into one {@link StreamsMetadata} per
 * instance: a host has the stores of every sub-topology one of whose source partitions it owns, and every global
 * store. Instances without {@code application.server} are not in the map, so not in the result.
 *
 * <p>Stateless and thread-safe.
 */
public final class ClientsMetadata {
    private final TopologyMetadata metadata;

    public ClientsMetadata(TopologyMetadata metadata) {
        this.metadata = metadata;
    }

    /** One entry per host of {@code partitionsByHost}, in its order. */
    public List<StreamsMetadata> of(Map<String, Set<TopicPartition>> partitionsByHost) {
        List<StreamsMetadata> clients = new ArrayList<>();
        partitionsByHost.forEach((endpoint, partitions) -> {
            Set<String> stores = new LinkedHashSet<>(metadata.globalStoreTopics().keySet());
            for (SubtopologyTopics subtopology : metadata.subtopologies().values()) {
                if (partitions.stream().anyMatch(partition -> subtopology.sourceTopics().contains(partition.topic()))) {
                    stores.addAll(subtopology.stores());
                }
            }
            clients.add(new Client(HostInfo.buildFromEndpoint(endpoint), Set.copyOf(stores), Set.copyOf(partitions),
                Set.of(), Set.of()));
        });
        return List.copyOf(clients);
    }

    private record Client(HostInfo hostInfo, Set<String> stateStoreNames, Set<TopicPartition> topicPartitions,
                          Set<String> standbyStateStoreNames, Set<TopicPartition> standbyTopicPartitions)
        implements StreamsMetadata {
    }
}
