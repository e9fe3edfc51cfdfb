package io.sluice.log.errors;

/**
 * A request carried a leader epoch older than the partition's current one: the sender's metadata is stale
 * (Kafka's {@code FENCED_LEADER_EPOCH}). Retriable once the sender has refreshed its metadata.
 */
public class FencedLeaderEpochException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public FencedLeaderEpochException(String message) {
        super(message);
    }
}
