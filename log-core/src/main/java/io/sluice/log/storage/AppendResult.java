package io.sluice.log.storage;

import java.util.concurrent.CompletableFuture;

/**
 * The outcome of an append: the offsets the batches got (or, for a producer's retry of a batch already in the
 * log, the offsets the original got, with {@code duplicate} set), the LogAppendTime stamped (-1 for CreateTime),
 * and a future that completes once the bytes are durable under the topic's flush policy.
 */
public record AppendResult(long firstOffset, long lastOffset, long logAppendTimeMs, long logStartOffset,
                           boolean duplicate, CompletableFuture<Void> durable) {
}
