package io.sluice.connect.runtime.isolation;

import java.util.List;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * A plugin class or alias named in a config is neither on the worker's class path nor under {@code plugin.path}.
 * The message names what was asked for, of which kind, and the known plugins with similar names, so a typo or a
 * missing plugin directory is obvious from the REST answer or the log.
 */
public final class PluginNotFoundException extends ConnectException {

    private static final long serialVersionUID = 1L;

    private final String requested;
    private final transient List<String> similar;

    PluginNotFoundException(String requested, String kind, List<String> similar) {
        super(message(requested, kind, similar));
        this.requested = requested;
        this.similar = List.copyOf(similar);
    }

    /** The class name or alias that was asked for. */
    public String requested() {
        return requested;
    }

    /** Fully qualified names of known plugins whose names are close to {@link #requested()}, best first. */
    public List<String> similar() {
        return similar;
    }

    private static String message(String requested, String kind, List<String> similar) {
        String base = kind + " class '" + requested + "' was not found on the class path nor on plugin.path";
        return similar.isEmpty() ? base : base + "; similar plugins: " + String.join(", ", similar);
    }
}
