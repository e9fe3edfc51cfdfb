package io.sluice.log.coordinator;

import java.util.Objects;
import java.util.Optional;

/**
 * A committed offset as a consumer sees it: the next offset to read, the leader epoch of the record before it
 * (for log-truncation detection, KIP-320; empty when the client did not send one), the client's free-form
 * metadata string, and when the coordinator accepted the commit.
 */
public record OffsetAndMetadata(long offset, Optional<Integer> leaderEpoch, String metadata, long commitTimestampMs) {
    public OffsetAndMetadata {
        Objects.requireNonNull(leaderEpoch, "leaderEpoch");
        metadata = metadata == null ? "" : metadata;
    }

    /** The epoch as the wire carries it: -1 for none. */
    public int leaderEpochOrNone() {
        return leaderEpoch.orElse(-1);
    }
}
