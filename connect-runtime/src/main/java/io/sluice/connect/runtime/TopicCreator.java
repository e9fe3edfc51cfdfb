package io.sluice.connect.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics a connector writes to before its first record reaches them, through the Admin API: for a
 * source connector with {@code topic.creation.default.*} set, using the first {@code topic.creation.groups} group
 * whose include/exclude patterns match the topic (else {@code default}); for a dead letter queue, with its
 * replication factor. Without topic creation the broker's auto-creation applies. A topic is only asked for once per
 * creator; an existing topic is left as it is.
 *
 * <p>Threading: one per task, used by its thread.
 */
final class TopicCreator {
    private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);
    private static final Set<String> GROUP_KEYS = Set.of(SourceConnectorConfig.INCLUDE,
        SourceConnectorConfig.EXCLUDE, SourceConnectorConfig.REPLICATION_FACTOR, SourceConnectorConfig.PARTITIONS);

    private final Admin admin;
    private final SourceConnectorConfig config;
    private final Set<String> known = new HashSet<>();

    /** @param config null when only explicit {@link #create} calls are made (the dead letter queue) */
    TopicCreator(Admin admin, SourceConnectorConfig config) {
        this.admin = admin;
        this.config = config;
    }

    /** Creates {@code topic} by the connector's topic creation groups, if it configured any. */
    void ensure(String topic) {
        if (config == null || known.contains(topic)) {
            return;
        }
        for (String group : config.topicCreationGroups()) {
            Map<String, Object> props = config.topicCreationProps(group);
            if (matches(group, props, topic)) {
                Map<String, String> topicConfigs = new HashMap<>();
                props.forEach((key, value) -> {
                    if (!GROUP_KEYS.contains(key) && value != null) {
                        topicConfigs.put(key, value.toString());
                    }
                });
                create(topic, intOrDefault(props.get(SourceConnectorConfig.PARTITIONS)),
                    (short) intOrDefault(props.get(SourceConnectorConfig.REPLICATION_FACTOR)), topicConfigs);
                return;
            }
        }
    }

    /**
     * @param partitions -1 for the broker's default
     * @param replicationFactor -1 for the broker's default
     */
    void create(String topic, int partitions, short replicationFactor, Map<String, String> topicConfigs) {
        if (known.contains(topic)) {
            return;
        }
        NewTopic newTopic = new NewTopic(topic,
            partitions < 0 ? Optional.empty() : Optional.of(partitions),
            replicationFactor < 0 ? Optional.empty() : Optional.of(replicationFactor)).configs(topicConfigs);
        try {
            admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
            LOG.info("Created topic '{}' (partitions {}, replication factor {}, configs {})", topic,
                partitions, replicationFactor, topicConfigs);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new ConnectException("Cannot create topic '" + topic + "'", e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while creating topic '" + topic + "'", e);
        } catch (TimeoutException e) {
            throw new ConnectException("Timed out creating topic '" + topic + "'", e);
        }
        known.add(topic);
    }

    private static boolean matches(String group, Map<String, Object> props, String topic) {
        if (SourceConnectorConfig.DEFAULT_GROUP.equals(group)) {
            return true;
        }
        return anyMatches(props.get(SourceConnectorConfig.INCLUDE), topic)
            && !anyMatches(props.get(SourceConnectorConfig.EXCLUDE), topic);
    }

    private static boolean anyMatches(Object patterns, String topic) {
        if (patterns == null) {
            return false;
        }
        List<String> list = new ArrayList<>();
        for (String pattern : patterns.toString().split(",")) {
            if (!pattern.isBlank()) {
                list.add(pattern.trim());
            }
        }
        return list.stream().anyMatch(p -> Pattern.matches(p, topic));
    }

    private static int intOrDefault(Object value) {
        return value == null ? -1 : Integer.parseInt(value.toString().trim());
    }
}
