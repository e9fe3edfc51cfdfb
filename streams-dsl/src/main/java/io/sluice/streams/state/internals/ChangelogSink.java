package io.sluice.streams.state.internals;

import org.apache.kafka.common.utils.Bytes;

/**
 * Receives every change of one store for its changelog topic, in write order. The runtime implements it with a
 * producer; tests collect records in a list. {@code value == null} is a deletion (a tombstone).
 */
@FunctionalInterface
public interface ChangelogSink {
    void send(Bytes key, byte[] value, long timestampMs);
}
