package io.sluice.log.errors;

/** A partition count that is not positive, or that would shrink a topic (partitions can only be added). */
public class InvalidPartitionsException extends SluiceException {
    private static final long serialVersionUID = 1L;

    public InvalidPartitionsException(String message) {
        super(message);
    }
}
