package io.sluice.log.storage;

/**
 * Batches read from a log: the file slice to send (empty when nothing is available yet) and the log's bounds
 * at the time of the read.
 */
public record FetchResult(FileSlice slice, long startOffset, long logStartOffset, long logEndOffset) {
    public boolean isEmpty() {
        return slice.length() == 0;
    }
}
