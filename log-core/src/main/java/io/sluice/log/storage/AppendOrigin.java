package io.sluice.log.storage;

/** Who is appending a batch to a partition log, which decides how much of the batch the log validates. */
public enum AppendOrigin {
    /** A producer's request: full validation, including producer epoch and sequence checks. */
    CLIENT,
    /** A follower copying the leader's log: the leader already validated the batch, so no sequence checks. */
    REPLICATION,
    /** Replay of batches already on disk to rebuild in-memory state: no checks. */
    RECOVERY
}
