package io.sluice.log.protocol;

import java.util.UUID;
import org.apache.kafka.common.Uuid;

/** Topic ids cross the codec edge here: ours are {@link UUID}s, the wire's are Kafka {@link Uuid}s. */
final class Uuids {
    private Uuids() {
    }

    static Uuid toKafka(UUID id) {
        return new Uuid(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    static UUID fromKafka(Uuid id) {
        return new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }
}
