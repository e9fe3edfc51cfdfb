package io.sluice.streams.kstream;

import io.sluice.streams.kstream.internals.BufferConfigs;
import io.sluice.streams.kstream.internals.SuppressedImpl;
import java.time.Duration;
import java.util.Map;

/**
 * Holds back updates of a KTable and emits only the latest per key: either once a window closes (final results
 * of a windowed aggregation) or once a key has seen no update for a time limit (rate limiting). Time is stream
 * time. Suppressed records wait in a per-task buffer, configured by a {@link BufferConfig}. Immutable.
 *
 * @param <K> key type of the suppressed table
 */
public interface Suppressed<K> extends NamedOperation<Suppressed<K>> {
    /** What a bounded buffer does when full. */
    enum BufferFullStrategy {
        /** Emit the oldest records early, giving up the "final result" guarantee for them. */
        EMIT,
        /** Fail the application rather than emit a non-final result. */
        SHUT_DOWN
    }

    /**
     * The bounds of a suppression buffer (record count, serialized bytes, or none), what happens when it fills up,
     * and whether it has a changelog (on by default). Immutable: {@code withX} returns a copy.
     *
     * @param <BC> the config's own type, so a strict config stays strict when bounds are changed
     */
    interface BufferConfig<BC extends BufferConfig<BC>> {
        /** A buffer of at most {@code recordLimit} records that emits early when full. */
        static EagerBufferConfig maxRecords(long recordLimit) {
            return BufferConfigs.eager(recordLimit, null);
        }

        /** A buffer of at most {@code byteLimit} bytes that emits early when full. */
        static EagerBufferConfig maxBytes(long byteLimit) {
            return BufferConfigs.eager(null, byteLimit);
        }

        /** An unbounded buffer: never emits early, but may run out of memory. */
        static StrictBufferConfig unbounded() {
            return BufferConfigs.unbounded();
        }

        BC withMaxRecords(long recordLimit);

        BC withMaxBytes(long byteLimit);

        StrictBufferConfig withNoBound();

        /** This bound, failing the application when it is reached. */
        StrictBufferConfig shutDownWhenFull();

        /** This bound, emitting the oldest records early when it is reached. */
        EagerBufferConfig emitEarlyWhenFull();

        BC withLoggingDisabled();

        BC withLoggingEnabled(Map<String, String> config);

        /** The record bound, or {@code null} if unbounded in records. */
        Long maxRecordsOrNull();

        /** The byte bound, or {@code null} if unbounded in bytes. */
        Long maxBytesOrNull();

        BufferFullStrategy bufferFullStrategy();

        boolean loggingEnabled();

        /** Changelog topic configs; empty when logging is disabled. */
        Map<String, String> logConfig();
    }

    /** A buffer config that never emits early: unbounded, or failing the application when full. */
    interface StrictBufferConfig extends BufferConfig<StrictBufferConfig> {
    }

    /** A bounded buffer config that emits the oldest records early when full. */
    interface EagerBufferConfig extends BufferConfig<EagerBufferConfig> {
    }

    /**
     * Emits one final result per window when it closes (window end plus grace period). Needs a strict buffer:
     * emitting early would break the guarantee.
     */
    static <K extends Windowed<?>> Suppressed<K> untilWindowCloses(StrictBufferConfig bufferConfig) {
        return SuppressedImpl.untilWindowCloses(bufferConfig);
    }

    /**
     * Emits a key's latest value once it has been buffered for {@code timeToWaitForMoreEvents} of stream time.
     *
     * @throws IllegalArgumentException if the time limit is negative
     */
    static <K> Suppressed<K> untilTimeLimit(Duration timeToWaitForMoreEvents, BufferConfig<?> bufferConfig) {
        ApiArgs.nonNegativeMillis(timeToWaitForMoreEvents, "timeToWaitForMoreEvents");
        return SuppressedImpl.untilTimeLimit(timeToWaitForMoreEvents, bufferConfig);
    }

    /** Whether this suppression emits final window results (else it is a time limit). */
    boolean isUntilWindowCloses();

    /** The time limit of {@link #untilTimeLimit}, or {@code null} for {@link #untilWindowCloses}. */
    Duration timeLimit();

    BufferConfig<?> bufferConfig();

    /** The processor name, or {@code null}. */
    String name();
}
