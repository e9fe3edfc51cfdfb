package io.sluice.connect.runtime;

import io.sluice.connect.runtime.rest.entities.ConnectorOffsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Kafka Connect's JSON form of a sink connector's offsets: partition {@code {"kafka_topic", "kafka_partition"}},
 * offset {@code {"kafka_offset"}} (null to remove). Stateless.
 */
final class SinkOffsets {
    static final String KAFKA_TOPIC = "kafka_topic";
    static final String KAFKA_PARTITION = "kafka_partition";
    static final String KAFKA_OFFSET = "kafka_offset";

    private SinkOffsets() {
    }

    /**
     * @return the offset per topic partition, null where the offset is to be removed
     * @throws ConnectException naming the connector and the malformed entry
     */
    static Map<TopicPartition, Long> parse(String connector, ConnectorOffsets offsets) {
        Map<TopicPartition, Long> parsed = new HashMap<>();
        for (ConnectorOffsets.PartitionOffset entry : offsets.offsets()) {
            Map<String, Object> partition = entry.partition();
            Object topic = partition == null ? null : partition.get(KAFKA_TOPIC);
            Object number = partition == null ? null : partition.get(KAFKA_PARTITION);
            if (!(topic instanceof String) || !(number instanceof Number)) {
                throw new ConnectException("Connector '" + connector + "': each sink partition needs a string '"
                    + KAFKA_TOPIC + "' and an integer '" + KAFKA_PARTITION + "', got " + partition);
            }
            Long offset = null;
            if (entry.offset() != null) {
                Object value = entry.offset().get(KAFKA_OFFSET);
                if (!(value instanceof Number) || ((Number) value).longValue() < 0) {
                    throw new ConnectException("Connector '" + connector + "': '" + KAFKA_OFFSET
                        + "' must be a non-negative integer, got " + entry.offset());
                }
                offset = ((Number) value).longValue();
            }
            parsed.put(new TopicPartition((String) topic, ((Number) number).intValue()), offset);
        }
        return parsed;
    }
}
