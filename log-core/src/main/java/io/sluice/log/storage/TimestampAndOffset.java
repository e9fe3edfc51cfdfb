package io.sluice.log.storage;

/** A record found by timestamp: its timestamp, offset and the leader epoch of its batch (-1 if unknown). */
public record TimestampAndOffset(long timestamp, long offset, int leaderEpoch) {
}
