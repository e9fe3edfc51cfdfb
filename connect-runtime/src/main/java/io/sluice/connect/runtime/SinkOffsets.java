package io.sluice.connect.runtime;

import io.sluice.connect.runtime.rest.entities.ConnectorOffsets;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka Connect's JSON form of a sink connector's offsets: partition {@code {"kafka_topic", "kafka_partition"}},
 * offset {@code {"kafka_offset"}} (a null offset removes the partition's). Stateless.
 */
final class SinkOffsets {
    static final String KAFKA_TOPIC = "kafka_topic";
    static final String KAFKA_PARTITION = "kafka_partition";
    static final String KAFKA_OFFSET = "kafka_offset";

    private SinkOffsets() {
    }

    /**
     * @return the offset per topic partition, null where the offset is to be removed
     * @throws BadOffsetsException naming the connector and the malformed entry
     */
    static Map<TopicPartition, Long> parse(String connector, ConnectorOffsets offsets) {
        Map<TopicPartition, Long> parsed = new HashMap<>();
        for (ConnectorOffsets.PartitionOffset entry : offsets.offsets()) {
            Map<String, Object> partition = entry.partition();
            if (partition == null) {
                throw new BadOffsetsException("Connector '" + connector + "': a sink offset needs a partition {\""
                    + KAFKA_TOPIC + "\": <topic>, \"" + KAFKA_PARTITION + "\": <partition>}, got null");
            }
            Object topic = partition.get(KAFKA_TOPIC);
            if (!(topic instanceof String name) || name.isEmpty()) {
                throw new BadOffsetsException("Connector '" + connector + "': '" + KAFKA_TOPIC
                    + "' must be a non-empty string in sink partition " + partition);
            }
            Object number = partition.get(KAFKA_PARTITION);
            if (!isInteger(number) || ((Number) number).longValue() < 0
                || ((Number) number).longValue() > Integer.MAX_VALUE) {
                throw new BadOffsetsException("Connector '" + connector + "': '" + KAFKA_PARTITION
                    + "' must be a non-negative integer in sink partition " + partition);
            }
            Long offset = null;
            if (entry.offset() != null) {
                Object value = entry.offset().get(KAFKA_OFFSET);
                if (!isInteger(value) || ((Number) value).longValue() < 0) {
                    throw new BadOffsetsException("Connector '" + connector + "': '" + KAFKA_OFFSET
                        + "' must be a non-negative integer in the offset of sink partition " + partition + ", got "
                        + entry.offset());
                }
                offset = ((Number) value).longValue();
            }
            parsed.put(new TopicPartition(name, ((Number) number).intValue()), offset);
        }
        return parsed;
    }

    /** Integral JSON numbers only: 1.5 or "1" is a malformed offset, not something to round or parse. */
    private static boolean isInteger(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short
            || value instanceof Byte || value instanceof BigInteger big && big.bitLength() < 64;
    }
}
