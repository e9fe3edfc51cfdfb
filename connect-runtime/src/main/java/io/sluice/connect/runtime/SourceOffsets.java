package io.sluice.connect.runtime;

import io.sluice.connect.runtime.rest.entities.ConnectorOffsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks a source connector's offsets given to {@link Worker#alterOffsets}: each partition is a non-null map and
 * partitions and offsets hold only strings, numbers, booleans and nulls, which is what a source task may put in
 * its records and what the offset store's schemaless JSON round-trips. A null offset removes the partition's.
 * Stateless.
 */
final class SourceOffsets {

    private SourceOffsets() {
    }

    /**
     * @return the offset per source partition, null where the offset is to be removed
     * @throws BadOffsetsException naming the connector and the malformed entry
     */
    static Map<Map<String, ?>, Map<String, ?>> parse(String connector, ConnectorOffsets offsets) {
        Map<Map<String, ?>, Map<String, ?>> parsed = new HashMap<>();
        for (ConnectorOffsets.PartitionOffset entry : offsets.offsets()) {
            if (entry.partition() == null) {
                throw new BadOffsetsException("Connector '" + connector + "': a source offset needs a partition, "
                    + "got null (offset " + entry.offset() + ")");
            }
            requirePrimitives(connector, "partition", entry.partition(), entry.partition());
            if (entry.offset() != null) {
                requirePrimitives(connector, "offset", entry.offset(), entry.partition());
            }
            parsed.put(entry.partition(), entry.offset());
        }
        return parsed;
    }

    private static void requirePrimitives(String connector, String what, Map<String, Object> map,
                                          Map<String, Object> partition) {
        map.forEach((key, value) -> {
            if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new BadOffsetsException("Connector '" + connector + "': field '" + key + "' of the " + what
                    + " of source partition " + partition + " is a " + value.getClass().getSimpleName()
                    + "; only strings, numbers, booleans and nulls are allowed");
            }
        });
    }
}
