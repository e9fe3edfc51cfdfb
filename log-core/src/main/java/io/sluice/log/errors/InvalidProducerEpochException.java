package io.sluice.log.errors;

/**
 * A producer wrote with an epoch lower than the latest one the partition has seen for its producer id: a newer
 * incarnation of the producer has fenced it (Kafka's {@code INVALID_PRODUCER_EPOCH}). Not retriable: the stale
 * producer must abort and re-initialise.
 */
public class InvalidProducerEpochException extends SluiceException {
    private static final long serialVersionUID = 1L;

    public InvalidProducerEpochException(String message) {
        super(message);
    }
}
