package io.sluice.connect.runtime.rest;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a method and a path onto an endpoint. Routes are templates of segments, each a literal or a
 * {@code {parameter}} that matches one whole segment; path segments arrive already percent-decoded, so a connector
 * name may contain an encoded {@code /}. A path no template matches is a 404; a path some template matches with
 * another method is a 405, as in Kafka Connect.
 *
 * <p>Threading: routes are added before the server serves requests; afterwards the router is read-only and shared by
 * the request threads.
 */
final class RestRouter {

    @FunctionalInterface
    interface Endpoint {
        RestResponse handle(RestRequest request);
    }

    /** The endpoint a request resolved to plus the values of the template's path parameters. */
    record Match(Endpoint endpoint, Map<String, String> pathParams) { }

    private record Route(HttpMethod method, String[] template, Endpoint endpoint) { }

    private final List<Route> routes = new ArrayList<>();

    void add(HttpMethod method, String template, Endpoint endpoint) {
        routes.add(new Route(method, segments(template), endpoint));
    }

    /**
     * @param segments the request path split at {@code /}, each segment decoded; empty for {@code /}
     * @throws ConnectRestException 404 when no route has this path, 405 when none of those allows the method
     */
    Match route(HttpMethod method, List<String> segments) {
        boolean pathKnown = false;
        for (Route route : routes) {
            Map<String, String> params = match(route.template(), segments);
            if (params == null) {
                continue;
            }
            if (route.method().equals(method)) {
                return new Match(route.endpoint(), params);
            }
            pathKnown = true;
        }
        if (pathKnown) {
            throw new ConnectRestException(405, RestErrors.METHOD_NOT_ALLOWED_MESSAGE);
        }
        throw new ConnectRestException(404, RestErrors.NOT_FOUND_MESSAGE);
    }

    private static Map<String, String> match(String[] template, List<String> segments) {
        if (template.length != segments.size()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.length; i++) {
            String expected = template[i];
            String actual = segments.get(i);
            if (expected.startsWith("{") && expected.endsWith("}")) {
                params.put(expected.substring(1, expected.length() - 1), actual);
            } else if (!expected.equals(actual)) {
                return null;
            }
        }
        return params;
    }

    private static String[] segments(String template) {
        String trimmed = template.startsWith("/") ? template.substring(1) : template;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }
}
