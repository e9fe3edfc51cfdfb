package io.sluice.examples.clickstream;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The pipeline's output, one per region and closed one-minute window, written as one JSON line:
 * {@code {"region":"EU-WEST","window_start":"2024-01-01T00:00:00Z","window_end":"2024-01-01T00:01:00Z",
 * "page_views":97}}.
 *
 * @param windowStart the window's first instant (inclusive), ISO-8601 in UTC
 * @param windowEnd the window's end (exclusive), ISO-8601 in UTC
 */
@JsonPropertyOrder({"region", "window_start", "window_end", "page_views"})
public record RegionPageViews(String region, @JsonProperty("window_start") String windowStart,
                              @JsonProperty("window_end") String windowEnd,
                              @JsonProperty("page_views") long pageViews) {
}
