package io.sluice.log.errors;

/** No topic (or partition) with this name or id exists on this broker. */
public class UnknownTopicOrPartitionException extends SluiceException {
    private static final long serialVersionUID = 1L;

    public UnknownTopicOrPartitionException(String message) {
        super(message);
    }
}
