package io.sluice.log.errors;

/** Fails an append's durability future when the log was truncated below it before the fsync covered it. */
public class LogTruncatedException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public LogTruncatedException(String message) {
        super(message);
    }
}
