package io.sluice.log.storage;

/**
 * An offset together with where it sits on disk: the base offset of its segment and the byte position in that
 * segment. Reads bounded by an offset (high watermark, durable end) use the position to stop without a lookup.
 */
public record LogOffsetMetadata(long offset, long segmentBaseOffset, int relativePosition) {
}
