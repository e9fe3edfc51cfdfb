package io.sluice.log.protocol;

import io.sluice.log.cluster.TopicRegistry;
import java.util.Set;

/**
 * Topics the broker itself creates and shapes: the metadata log, the consumer offsets and the transaction and
 * share-group state topics. Clients may read them and alter their configs, but not create, delete, grow or
 * truncate them, because the broker relies on their partition count and content.
 *
 * <p>Kafka lets a client create a name starting with "__" and refuses only its own metadata topic. We allow the
 * same "__" names (e.g. {@code __my_app_state}), and protect these reserved names too: on Sluice a client-made
 * {@code __consumer_offsets} with a wrong partition count or cleanup policy would break the group coordinator.
 */
final class BrokerManagedTopics {
    private static final Set<String> NAMES = Set.of(TopicRegistry.METADATA_PARTITION.topic(), "__consumer_offsets",
        "__transaction_state", "__share_group_state");

    private BrokerManagedTopics() {
    }

    static boolean contains(String topic) {
        return NAMES.contains(topic);
    }

    static String refusal(String topic, String action) {
        return "Topic '" + topic + "' is managed by the broker; clients cannot " + action + " it";
    }
}
