package io.sluice.log.record;

import static io.sluice.log.record.RecordBatchDescriptor.NO_PRODUCER_EPOCH;
import static io.sluice.log.record.RecordBatchDescriptor.NO_PRODUCER_ID;
import static io.sluice.log.record.RecordBatchDescriptor.NO_SEQUENCE;
import static io.sluice.log.record.RecordBatchDescriptor.NO_TIMESTAMP;

/**
 * The header choices of a test batch, fed identically to our builder and to kafka-clients' builder.
 *
 * @param logAppendTimeMs {@link RecordBatchDescriptor#NO_TIMESTAMP} for a CreateTime batch
 * @param deleteHorizonMs {@link RecordBatchDescriptor#NO_TIMESTAMP} for none
 */
record BatchSpec(String name, long baseOffset, long producerId, short producerEpoch, int baseSequence,
                 boolean transactional, int partitionLeaderEpoch, long logAppendTimeMs, long deleteHorizonMs) {

    static final BatchSpec PLAIN = new BatchSpec("plain", 0L, NO_PRODUCER_ID, NO_PRODUCER_EPOCH, NO_SEQUENCE, false,
        RecordBatchDescriptor.NO_PARTITION_LEADER_EPOCH, NO_TIMESTAMP, NO_TIMESTAMP);
    static final BatchSpec IDEMPOTENT = new BatchSpec("idempotent", 1_000L, 4_242L, (short) 7, 100, false, 3,
        NO_TIMESTAMP, NO_TIMESTAMP);
    static final BatchSpec TRANSACTIONAL = new BatchSpec("transactional", 77_000L, 9L, (short) 1,
        Integer.MAX_VALUE - 1, true, 12, NO_TIMESTAMP, NO_TIMESTAMP);
    static final BatchSpec LOG_APPEND_TIME = new BatchSpec("logAppendTime", 5L, NO_PRODUCER_ID, NO_PRODUCER_EPOCH,
        NO_SEQUENCE, false, 0, 1_800_000_000_000L, NO_TIMESTAMP);
    static final BatchSpec DELETE_HORIZON = new BatchSpec("deleteHorizon", 300L, 1L, (short) 0, 0, false, 1,
        NO_TIMESTAMP, 1_650_000_000_000L);

    static BatchSpec[] all() {
        return new BatchSpec[] {PLAIN, IDEMPOTENT, TRANSACTIONAL, LOG_APPEND_TIME, DELETE_HORIZON};
    }

    boolean isLogAppendTime() {
        return logAppendTimeMs != NO_TIMESTAMP;
    }

    boolean hasDeleteHorizon() {
        return deleteHorizonMs != NO_TIMESTAMP;
    }

    RecordBatchBuilder ourBuilder(CompressionType compression) {
        RecordBatchBuilder builder = new RecordBatchBuilder(baseOffset)
            .compression(compression)
            .producer(producerId, producerEpoch, baseSequence)
            .transactional(transactional)
            .partitionLeaderEpoch(partitionLeaderEpoch);
        if (isLogAppendTime()) {
            builder.logAppendTime(logAppendTimeMs);
        }
        if (hasDeleteHorizon()) {
            builder.deleteHorizonMs(deleteHorizonMs);
        }
        return builder;
    }

    @Override
    public String toString() {
        return name;
    }
}
