package io.sluice.streams.errors;

/** A topology that cannot run: unknown parent or store, duplicate name, a source topic read twice, … */
public class TopologyException extends StreamsException {
    private static final long serialVersionUID = 1L;

    public TopologyException(String message) {
        super("Invalid topology: " + message);
    }

    public TopologyException(String message, Throwable cause) {
        super("Invalid topology: " + message, cause);
    }
}
