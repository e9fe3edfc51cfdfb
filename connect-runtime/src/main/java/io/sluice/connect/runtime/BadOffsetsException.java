package io.sluice.connect.runtime;


/**
 * Offsets given to {@link Worker#alterOffsets} that are malformed for the connector's kind: a sink partition
 * without a string {@code kafka_topic} and an integer {@code kafka_partition}, a sink offset that is not a
 * non-negative integer {@code kafka_offset}, a null source partition, or a source partition or offset holding
 * something other than strings, numbers, booleans and nulls. The message names the connector and the entry. It is
 * the caller's mistake, not the worker's: the REST API answers 400 Bad Request with this message, as Kafka Connect
 * does.
 */
public final class BadOffsetsException extends BadRequestException {

    private static final long serialVersionUID = 1L;

    public BadOffsetsException(String message) {
        super(message);
    }
}
