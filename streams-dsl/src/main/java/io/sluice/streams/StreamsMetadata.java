package io.sluice.streams;

import io.sluice.streams.state.HostInfo;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * What one instance of an application hosts, as the latest assignment says: its {@code application.server}
 * endpoint, the stores of its active tasks (global stores included: every instance has them) and their source
 * partitions. Returned by {@link StreamsApp#metadataForAllStreamsClients()} and
 * {@link StreamsApp#streamsMetadataForStore(String)}, for routing interactive queries to other instances.
 * Standby stores and partitions are not known per instance yet: always empty.
 *
 * <p>Immutable.
 */
public interface StreamsMetadata {
    HostInfo hostInfo();

    Set<String> stateStoreNames();

    Set<TopicPartition> topicPartitions();

    Set<String> standbyStateStoreNames();

    Set<TopicPartition> standbyTopicPartitions();

    default String host() {
        return hostInfo().host();
    }

    default int port() {
        return hostInfo().port();
    }
}
