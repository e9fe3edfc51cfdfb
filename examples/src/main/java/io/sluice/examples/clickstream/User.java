package io.sluice.examples.clickstream;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One user from the datagen {@code users} data set (key = {@code user_id}), as the JsonConverter (schemas disabled)
 * writes it: {@code {"user_id": "...", "name": "...", "region": "EU-WEST", "signup_ts": 1700000000000}}.
 */
public record User(@JsonProperty("user_id") String userId, String name, String region,
                   @JsonProperty("signup_ts") long signupTs) {
}
