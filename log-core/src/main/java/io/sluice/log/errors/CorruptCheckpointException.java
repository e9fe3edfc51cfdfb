package io.sluice.log.errors;

import java.nio.file.Path;

/**
 * A checkpoint file exists but does not parse: wrong version, bad entry count, a malformed or missing entry line,
 * or trailing lines. The message names the file and the 1-based line. Not retriable: the file will not change by
 * itself; the caller decides whether to rebuild the state it held (for example by recovering the whole log).
 */
public class CorruptCheckpointException extends SluiceException {
    private static final long serialVersionUID = 1L;

    public CorruptCheckpointException(Path file, int lineNumber, String problem) {
        super("Malformed checkpoint file " + file + " at line " + lineNumber + ": " + problem);
    }
}
