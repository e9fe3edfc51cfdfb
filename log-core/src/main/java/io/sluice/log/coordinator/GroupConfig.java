package io.sluice.log.coordinator;

import static io.sluice.log.config.Validator.atLeast;

import io.sluice.log.config.ConfigDef;
import io.sluice.log.config.ConfigException;
import io.sluice.log.config.ConfigKey;
import io.sluice.log.config.ConfigValues;
import io.sluice.log.config.Importance;
import java.util.List;
import java.util.Map;

/**
 * Broker settings of the group coordinator. Key names are Kafka's, so operators' knowledge carries over. The
 * number of {@code __consumer_offsets} partitions is not here: it is a property of the topic, passed to the
 * {@link GroupCoordinator} constructor by whoever creates the topic.
 */
public final class GroupConfig {
    public static final ConfigKey<Integer> MIN_SESSION_TIMEOUT_MS = ConfigKey.intKey("group.min.session.timeout.ms")
        .defaultValue(6_000).validator(atLeast(1)).importance(Importance.MEDIUM)
        .doc("Smallest session.timeout.ms a group member may ask for; smaller requests fail with "
            + "INVALID_SESSION_TIMEOUT.");
    public static final ConfigKey<Integer> MAX_SESSION_TIMEOUT_MS = ConfigKey.intKey("group.max.session.timeout.ms")
        .defaultValue(1_800_000).validator(atLeast(1)).importance(Importance.MEDIUM)
        .doc("Largest session.timeout.ms a group member may ask for; larger requests fail with "
            + "INVALID_SESSION_TIMEOUT.");
    public static final ConfigKey<Integer> INITIAL_REBALANCE_DELAY_MS =
        ConfigKey.intKey("group.initial.rebalance.delay.ms")
            .defaultValue(3_000).validator(atLeast(0)).importance(Importance.MEDIUM)
            .doc("How long the first rebalance of an empty group waits for more members to join (extended by "
                + "the same delay while members keep arriving, up to the rebalance timeout).");
    public static final ConfigKey<Integer> MAX_SIZE = ConfigKey.intKey("group.max.size")
        .defaultValue(Integer.MAX_VALUE).validator(atLeast(1)).importance(Importance.MEDIUM)
        .doc("Most members one group may have; further joins fail with GROUP_MAX_SIZE_REACHED.");
    public static final ConfigKey<Integer> OFFSET_METADATA_MAX_BYTES = ConfigKey.intKey("offset.metadata.max.bytes")
        .defaultValue(4_096).validator(atLeast(0)).importance(Importance.LOW)
        .doc("Longest metadata string an offset commit may carry; longer ones fail with "
            + "OFFSET_METADATA_TOO_LARGE.");

    public static final ConfigDef DEFINITION = new ConfigDef("Group coordinator settings", List.of(
        MIN_SESSION_TIMEOUT_MS, MAX_SESSION_TIMEOUT_MS, INITIAL_REBALANCE_DELAY_MS, MAX_SIZE,
        OFFSET_METADATA_MAX_BYTES));

    public final int minSessionTimeoutMs;
    public final int maxSessionTimeoutMs;
    public final int initialRebalanceDelayMs;
    public final int maxSize;
    public final int offsetMetadataMaxBytes;

    /** Parses broker properties; absent keys take their defaults. */
    public GroupConfig(Map<String, ?> props) {
        ConfigValues values = DEFINITION.parse(props);
        this.minSessionTimeoutMs = values.get(MIN_SESSION_TIMEOUT_MS);
        this.maxSessionTimeoutMs = values.get(MAX_SESSION_TIMEOUT_MS);
        this.initialRebalanceDelayMs = values.get(INITIAL_REBALANCE_DELAY_MS);
        this.maxSize = values.get(MAX_SIZE);
        this.offsetMetadataMaxBytes = values.get(OFFSET_METADATA_MAX_BYTES);
        if (minSessionTimeoutMs > maxSessionTimeoutMs) {
            throw new ConfigException(MIN_SESSION_TIMEOUT_MS.name() + "=" + minSessionTimeoutMs + " exceeds "
                + MAX_SESSION_TIMEOUT_MS.name() + "=" + maxSessionTimeoutMs);
        }
    }

    public static GroupConfig defaults() {
        return new GroupConfig(Map.of());
    }
}
