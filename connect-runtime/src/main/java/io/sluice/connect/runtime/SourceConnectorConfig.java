package io.sluice.connect.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * A source connector's config: the common keys, the topic creation keys ({@code topic.creation.groups} and, per
 * group including the implicit {@code default}, {@code topic.creation.<group>.include|exclude|replication.factor|
 * partitions} plus any topic config such as {@code cleanup.policy}), and the dead letter queue keys (a Sluice
 * extension: Kafka Connect has no dead letter queue for sources).
 */
public final class SourceConnectorConfig extends ConnectorConfig {
    public static final String TOPIC_CREATION_PREFIX = "topic.creation.";
    public static final String TOPIC_CREATION_GROUPS = TOPIC_CREATION_PREFIX + "groups";
    public static final String DEFAULT_GROUP = "default";
    public static final String INCLUDE = "include";
    public static final String EXCLUDE = "exclude";
    public static final String REPLICATION_FACTOR = "replication.factor";
    public static final String PARTITIONS = "partitions";

    static final String TOPIC_CREATION_GROUP = "Topic Creation";

    public static ConfigDef configDef() {
        return defineDeadLetterQueue(ConnectorConfig.configDef()
            .define(TOPIC_CREATION_GROUPS, Type.LIST, "", Importance.LOW,
                "Groups of topic creation settings beyond 'default', each matched by topic.creation.<group>.include.",
                TOPIC_CREATION_GROUP, 1, Width.LONG, "Topic Creation Groups")
            .define(TOPIC_CREATION_PREFIX + DEFAULT_GROUP + "." + REPLICATION_FACTOR, Type.SHORT, null,
                Importance.LOW, "Replication factor of topics this connector creates (-1: broker default); setting "
                    + "it with .partitions turns topic creation on.", TOPIC_CREATION_GROUP, 2, Width.SHORT,
                "Default replication factor")
            .define(TOPIC_CREATION_PREFIX + DEFAULT_GROUP + "." + PARTITIONS, Type.INT, null, Importance.LOW,
                "Partitions of topics this connector creates (-1: broker default).", TOPIC_CREATION_GROUP, 3,
                Width.SHORT, "Default partitions"));
    }

    SourceConnectorConfig(ConfigDef definition, Map<String, String> props) {
        super(definition, props);
    }

    /** Whether the connector asked for topic creation (the default group's settings are present). */
    public boolean topicCreationConfigured() {
        return get(TOPIC_CREATION_PREFIX + DEFAULT_GROUP + "." + REPLICATION_FACTOR) != null
            && get(TOPIC_CREATION_PREFIX + DEFAULT_GROUP + "." + PARTITIONS) != null;
    }

    /** The named groups followed by {@code default}, the order in which a topic is matched. */
    public List<String> topicCreationGroups() {
        List<String> groups = new ArrayList<>(getList(TOPIC_CREATION_GROUPS));
        groups.remove(DEFAULT_GROUP);
        groups.add(DEFAULT_GROUP);
        return groups;
    }

    /** Every {@code topic.creation.<group>.*} key of a group, prefix stripped. */
    public Map<String, Object> topicCreationProps(String group) {
        return originalsWithPrefix(TOPIC_CREATION_PREFIX + group + ".");
    }
}
