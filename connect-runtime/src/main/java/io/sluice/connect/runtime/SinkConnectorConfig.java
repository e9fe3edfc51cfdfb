package io.sluice.connect.runtime;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * A sink connector's config: the common keys plus {@code topics} or {@code topics.regex} (exactly one) and the dead
 * letter queue keys. The cross-field rules are checked by {@link #validate} so the herder can report them per key.
 */
public final class SinkConnectorConfig extends ConnectorConfig {
    public static final String TOPICS = "topics";
    public static final String TOPICS_REGEX = "topics.regex";

    public static ConfigDef configDef() {
        return defineDeadLetterQueue(ConnectorConfig.configDef()
            .define(TOPICS, Type.LIST, "", Importance.HIGH, "Topics to consume, comma separated.", COMMON_GROUP, 20,
                Width.LONG, "Topics")
            .define(TOPICS_REGEX, Type.STRING, "", regex(), Importance.HIGH,
                "Regular expression naming the topics to consume; instead of topics.", COMMON_GROUP, 21,
                Width.LONG, "Topics regex"));
    }

    private static ConfigDef.Validator regex() {
        return (name, value) -> {
            try {
                Pattern.compile(value == null ? "" : value.toString());
            } catch (PatternSyntaxException e) {
                throw new ConfigException(name, value, "not a valid regular expression: " + e.getDescription());
            }
        };
    }

    SinkConnectorConfig(ConfigDef definition, Map<String, String> props) {
        super(definition, props);
        validate(props);
    }

    /**
     * The rules across keys: exactly one of topics / topics.regex, and the dead letter topic not among the
     * consumed topics (the task would consume its own failures).
     *
     * @throws ConfigException naming the key at fault
     */
    public static void validate(Map<String, String> props) {
        String topics = props.getOrDefault(TOPICS, "").trim();
        String regex = props.getOrDefault(TOPICS_REGEX, "").trim();
        if (topics.isEmpty() == regex.isEmpty()) {
            throw new ConfigException("Must configure one of " + TOPICS + " or " + TOPICS_REGEX + ", not "
                + (topics.isEmpty() ? "neither" : "both"));
        }
        String dlq = props.getOrDefault(DLQ_TOPIC_NAME, "").trim();
        if (!dlq.isEmpty() && (List.of(topics.split("\\s*,\\s*")).contains(dlq)
            || (!regex.isEmpty() && Pattern.matches(regex, dlq)))) {
            throw new ConfigException(DLQ_TOPIC_NAME, dlq, "the dead letter queue topic must not be consumed by "
                + "the connector itself");
        }
    }

    public List<String> topics() {
        return getList(TOPICS).stream().map(String::trim).filter(t -> !t.isEmpty()).toList();
    }

    /** The topics.regex pattern, or null when topics is used. */
    public Pattern topicsRegex() {
        String regex = getString(TOPICS_REGEX).trim();
        return regex.isEmpty() ? null : Pattern.compile(regex);
    }
}
