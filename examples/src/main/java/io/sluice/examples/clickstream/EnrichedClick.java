package io.sluice.examples.clickstream;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A human click joined with its user's region: the value written to the repartition topic that groups clicks by
 * region.
 *
 * @param region the user's region, or {@link ClickstreamTopology#UNKNOWN_REGION} when the user is not in the table
 */
public record EnrichedClick(@JsonProperty("user_id") String userId, String region, String page, long ts) {
}
