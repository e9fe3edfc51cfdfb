package io.sluice.log.cluster;

import java.util.Map;
import java.util.UUID;

/**
 * A topic as the cluster knows it: name, id (assigned at creation, never reused), partition count and the
 * configuration keys set on this topic (everything else comes from the broker's defaults). Immutable.
 */
public record TopicMetadata(String name, UUID topicId, int partitionCount, Map<String, String> configOverrides) {
    public TopicMetadata {
        configOverrides = Map.copyOf(configOverrides);
    }

    /** Internal topics (names starting with "__") are managed by the broker itself. */
    public boolean isInternal() {
        return name.startsWith("__");
    }
}
