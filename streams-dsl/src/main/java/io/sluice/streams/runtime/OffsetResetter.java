package io.sluice.streams.runtime;

import io.sluice.streams.AutoOffsetReset;
import io.sluice.streams.errors.StreamsException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Positions source partitions that have no committed offset, or whose committed offset is out of range, by the
 * reset policy of their source ({@code Topology.addSource(AutoOffsetReset, ...)}, {@code Consumed.with(...)}),
 * else the application's default: the {@code auto.offset.reset} the user set, else earliest (as Kafka Streams).
 * The consumer itself runs with {@code auto.offset.reset=none} so that every such partition comes here.
 *
 * <p>Immutable; called from the stream thread that owns the consumer.
 */
final class OffsetResetter {
    private final Map<String, AutoOffsetReset> byTopic;
    private final AutoOffsetReset fallback;

    OffsetResetter(Map<String, AutoOffsetReset> byTopic, AutoOffsetReset fallback) {
        this.byTopic = Map.copyOf(byTopic);
        this.fallback = fallback;
    }

    /** The default from a user's {@code auto.offset.reset} value ({@code null} for earliest). */
    static AutoOffsetReset fallback(Object autoOffsetReset) {
        if (autoOffsetReset == null) {
            return AutoOffsetReset.earliest();
        }
        return switch (autoOffsetReset.toString().toLowerCase(Locale.ROOT)) {
            case "latest" -> AutoOffsetReset.latest();
            case "none" -> AutoOffsetReset.none();
            default -> AutoOffsetReset.earliest();
        };
    }

    /**
     * @throws StreamsException for a partition whose policy is {@code none}
     */
    void reset(Consumer<byte[], byte[]> consumer, Set<TopicPartition> partitions, long nowMs) {
        Map<TopicPartition, Long> byTime = new HashMap<>();
        for (TopicPartition partition : partitions) {
            AutoOffsetReset policy = byTopic.getOrDefault(partition.topic(), fallback);
            switch (policy.type()) {
                case EARLIEST -> consumer.seekToBeginning(List.of(partition));
                case LATEST -> consumer.seekToEnd(List.of(partition));
                case BY_DURATION -> byTime.put(partition, nowMs - policy.duration().orElseThrow().toMillis());
                case NONE -> throw new StreamsException("Partition " + partition + " has no valid committed offset"
                    + " and the offset reset policy of its source topic is none");
            }
        }
        if (!byTime.isEmpty()) {
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(byTime);
            byTime.keySet().forEach(partition -> {
                OffsetAndTimestamp found = offsets.get(partition);
                if (found == null) {
                    consumer.seekToEnd(List.of(partition)); // nothing that recent: start with new records
                } else {
                    consumer.seek(partition, found.offset());
                }
            });
        }
    }
}
