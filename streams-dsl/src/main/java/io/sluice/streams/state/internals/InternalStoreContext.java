package io.sluice.streams.state.internals;

import io.sluice.streams.processor.StateStoreContext;
import java.util.Map;

/**
 * The runtime's side of a {@link StateStoreContext} that changelogging and caching layers need: where a store's
 * changes go and the timestamp of the record being processed. Implemented by the task context (and by test
 * contexts).
 */
public interface InternalStoreContext extends StateStoreContext {
    /** The changelog of {@code storeName}; {@code topicConfig} comes from {@code withLoggingEnabled}. */
    ChangelogSink changelogFor(String storeName, Map<String, String> topicConfig);

    /** Timestamp of the record being processed, stamped on changelog records and flushed cache entries. */
    long recordTimestamp();
}
