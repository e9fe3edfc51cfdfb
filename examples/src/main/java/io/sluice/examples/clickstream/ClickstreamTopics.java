package io.sluice.examples.clickstream;

import java.util.List;
import java.util.Objects;

/**
 * The topics the clickstream pipeline reads and writes.
 *
 * @param users the datagen {@code users} data set, read as a table keyed by user id
 * @param clicks the datagen {@code clicks} data set, keyed by user id
 * @param pageViews where the per-region, per-window page-view counts go (as JSON)
 */
public record ClickstreamTopics(String users, String clicks, String pageViews) {

    public static final ClickstreamTopics DEFAULT = new ClickstreamTopics("users", "clicks", "page-views-per-region");

    public ClickstreamTopics {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(clicks, "clicks");
        Objects.requireNonNull(pageViews, "pageViews");
    }

    public List<String> all() {
        return List.of(users, clicks, pageViews);
    }
}
