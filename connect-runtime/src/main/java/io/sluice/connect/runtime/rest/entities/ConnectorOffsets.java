package io.sluice.connect.runtime.rest.entities;

import java.util.List;
import java.util.Map;

/**
 * A connector's offsets, as in {@code GET|PATCH /connectors/{name}/offsets}: for a source connector each partition
 * and offset are the maps the connector itself uses; for a sink connector the partition is
 * {@code {"kafka_topic", "kafka_partition"}} and the offset {@code {"kafka_offset"}}. A null offset in a PATCH
 * removes that partition's offset.
 */
public record ConnectorOffsets(List<PartitionOffset> offsets) {

    public record PartitionOffset(Map<String, Object> partition, Map<String, Object> offset) { }
}
