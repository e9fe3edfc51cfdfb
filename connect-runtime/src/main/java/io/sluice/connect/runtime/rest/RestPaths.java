package io.sluice.connect.runtime.rest;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splitting request paths into decoded segments and encoding a name back into one segment. */
final class RestPaths {

    private RestPaths() {
    }

    /**
     * Splits the raw (still encoded) path at {@code /} and decodes each segment, so {@code %2F} inside a connector
     * name stays part of that name. A trailing slash is ignored, as Kafka Connect does.
     */
    static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                // decodeComponent follows form rules where '+' means a space; in a path it is a literal '+'.
                segments.add(QueryStringDecoder.decodeComponent(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    static String encodeSegment(String segment) {
        // URLEncoder is for forms: a space becomes '+', which in a path must be %20.
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
