package io.sluice.log.errors;

/**
 * An idempotent producer's batch does not continue its sequence: a gap, a reordering, or a first sequence other
 * than 0 after an epoch bump. Not retriable as-is: resending the same batch cannot fill the gap, the producer
 * has to reset its sequence state (Kafka's {@code OUT_OF_ORDER_SEQUENCE_NUMBER}).
 */
public class OutOfOrderSequenceException extends SluiceException {
    private static final long serialVersionUID = 1L;

    public OutOfOrderSequenceException(String message) {
        super(message);
    }
}
