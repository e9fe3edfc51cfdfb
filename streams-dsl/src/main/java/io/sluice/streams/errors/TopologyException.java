package io.sluice.streams.errors;

/**
 * The topology being built is invalid (an illegal name, a missing store, a cycle...). Thrown while the topology
 * is built, never while it runs. Messages start with {@code "Invalid topology"} so they are recognisable in logs.
 */
public class TopologyException extends StreamsException {
    private static final long serialVersionUID = 1L;

    public TopologyException(String message) {
        super(prefixed(message));
    }

    public TopologyException(String message, Throwable cause) {
        super(prefixed(message), cause);
    }

    public TopologyException(Throwable cause) {
        super(cause);
    }

    private static String prefixed(String message) {
        return message == null ? "Invalid topology" : "Invalid topology: " + message;
    }
}
