package io.sluice.streams.state;

import io.sluice.log.config.ConfigException;

/**
 * An application instance's endpoint for interactive queries ({@code application.server}), as {@code host:port}.
 *
 * @param host the host name or address
 * @param port the port
 */
public record HostInfo(String host, int port) {
    /** The endpoint of {@code application.server}, or {@code null} when it is empty or {@code null}. */
    public static HostInfo buildFromEndpoint(String endPoint) {
        if (endPoint == null || endPoint.isBlank()) {
            return null;
        }
        int colon = endPoint.lastIndexOf(':');
        if (colon <= 0 || colon == endPoint.length() - 1) {
            throw ConfigException.invalid("application.server", endPoint, "expected host:port");
        }
        try {
            return new HostInfo(endPoint.substring(0, colon), Integer.parseInt(endPoint.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw ConfigException.invalid("application.server", endPoint, "the port is not a number");
        }
    }

    /** The placeholder of an unknown host. */
    public static HostInfo unavailable() {
        return new HostInfo("unavailable", -1);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
