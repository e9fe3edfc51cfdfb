package io.sluice.log.storage;

/**
 * What the producer state remembers about one appended idempotent batch: enough to recognise a retry of it and
 * to answer the retry with the offsets the batch was first written at.
 *
 * @param firstSeq the batch's base sequence
 * @param lastSeq its last sequence (wrapped past {@link Integer#MAX_VALUE})
 * @param firstOffset the offset of its first record
 * @param lastOffset the offset of its last record
 * @param maxTimestamp its max timestamp as appended (the log append time if the topic stamps one)
 */
public record BatchMetadata(int firstSeq, int lastSeq, long firstOffset, long lastOffset, long maxTimestamp) {
}
