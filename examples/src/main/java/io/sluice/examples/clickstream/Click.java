package io.sluice.examples.clickstream;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * One page view from the datagen {@code clicks} data set, as the JsonConverter (schemas disabled) writes it:
 * {@code {"user_id": "...", "page": "...", "user_agent": "...", "ts": 1700000000000}}.
 *
 * @param ts the event time in epoch milliseconds; the record's timestamp carries the same value
 */
public record Click(@JsonProperty("user_id") String userId, String page, @JsonProperty("user_agent") String userAgent,
                    long ts) {

    /** Crawler user agents name themselves: "Googlebot/2.1", "bingbot/2.0", "AhrefsBot", "Baiduspider", ... */
    private static final String[] BOT_MARKERS = {"bot", "crawler", "spider"};

    /** Whether the click came from a crawler rather than a person; a click without a user agent counts as human. */
    public boolean fromBot() {
        if (userAgent == null) {
            return false;
        }
        String agent = userAgent.toLowerCase(Locale.ROOT);
        for (String marker : BOT_MARKERS) {
            if (agent.contains(marker)) {
                return true;
            }
        }
        return false;
    }
}
