package io.sluice.log.storage;

import io.sluice.log.errors.SluiceException;

/** An index file whose shape or contents contradict its segment; the segment rebuilds it from the log file. */
class CorruptIndexException extends SluiceException {
    private static final long serialVersionUID = 1L;

    CorruptIndexException(String message) {
        super(message);
    }
}
