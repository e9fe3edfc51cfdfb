package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Suppressed.BufferConfig;
import io.sluice.streams.kstream.Suppressed.BufferFullStrategy;
import io.sluice.streams.kstream.Suppressed.EagerBufferConfig;
import io.sluice.streams.kstream.Suppressed.StrictBufferConfig;
import java.util.Map;
import java.util.Objects;

/**
 * The implementations of {@link BufferConfig}: one strict and one eager class over shared state, since one class
 * cannot be both a {@code BufferConfig<StrictBufferConfig>} and a {@code BufferConfig<EagerBufferConfig>}.
 * Invariants: bounds are {@code null} (none) or non-negative; an eager config has at least one bound; a config
 * with logging disabled has no topic configs. Immutable.
 */
public final class BufferConfigs {
    private BufferConfigs() {
    }

    public static EagerBufferConfig eager(Long maxRecords, Long maxBytes) {
        return new Eager(maxRecords, maxBytes, true, Map.of());
    }

    public static StrictBufferConfig unbounded() {
        return new Strict(null, null, true, Map.of());
    }

    private abstract static class Base<BC extends BufferConfig<BC>> implements BufferConfig<BC> {
        final Long maxRecords;
        final Long maxBytes;
        final boolean logging;
        final Map<String, String> logConfig;

        Base(Long maxRecords, Long maxBytes, boolean logging, Map<String, String> logConfig) {
            this.maxRecords = checkBound(maxRecords, "maxRecords");
            this.maxBytes = checkBound(maxBytes, "maxBytes");
            this.logging = logging;
            this.logConfig = Map.copyOf(logConfig);
        }

        abstract BC copy(Long maxRecords, Long maxBytes, boolean logging, Map<String, String> logConfig);

        @Override
        public BC withMaxRecords(long recordLimit) {
            return copy(recordLimit, maxBytes, logging, logConfig);
        }

        @Override
        public BC withMaxBytes(long byteLimit) {
            return copy(maxRecords, byteLimit, logging, logConfig);
        }

        @Override
        public StrictBufferConfig withNoBound() {
            return new Strict(null, null, logging, logConfig);
        }

        @Override
        public StrictBufferConfig shutDownWhenFull() {
            return new Strict(maxRecords, maxBytes, logging, logConfig);
        }

        @Override
        public EagerBufferConfig emitEarlyWhenFull() {
            return new Eager(maxRecords, maxBytes, logging, logConfig);
        }

        @Override
        public BC withLoggingDisabled() {
            return copy(maxRecords, maxBytes, false, Map.of());
        }

        @Override
        public BC withLoggingEnabled(Map<String, String> config) {
            return copy(maxRecords, maxBytes, true, Objects.requireNonNull(config, "config"));
        }

        @Override
        public Long maxRecordsOrNull() {
            return maxRecords;
        }

        @Override
        public Long maxBytesOrNull() {
            return maxBytes;
        }

        @Override
        public boolean loggingEnabled() {
            return logging;
        }

        @Override
        public Map<String, String> logConfig() {
            return logConfig;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Base<?> that && other.getClass() == getClass()
                && Objects.equals(maxRecords, that.maxRecords) && Objects.equals(maxBytes, that.maxBytes)
                && logging == that.logging && logConfig.equals(that.logConfig);
        }

        @Override
        public int hashCode() {
            return Objects.hash(getClass(), maxRecords, maxBytes, logging, logConfig);
        }

        @Override
        public String toString() {
            return getClass().getSimpleName() + "{maxRecords=" + maxRecords + ", maxBytes=" + maxBytes
                + ", strategy=" + bufferFullStrategy() + ", logging=" + logging + '}';
        }

        private static Long checkBound(Long bound, String name) {
            if (bound != null && bound < 0) {
                throw new IllegalArgumentException(name + " must not be negative, was " + bound);
            }
            return bound;
        }
    }

    private static final class Strict extends Base<StrictBufferConfig> implements StrictBufferConfig {
        Strict(Long maxRecords, Long maxBytes, boolean logging, Map<String, String> logConfig) {
            super(maxRecords, maxBytes, logging, logConfig);
        }

        @Override
        StrictBufferConfig copy(Long maxRecords, Long maxBytes, boolean logging, Map<String, String> logConfig) {
            return new Strict(maxRecords, maxBytes, logging, logConfig);
        }

        /** Unbounded strict buffers never fill up, so their strategy never applies. */
        @Override
        public BufferFullStrategy bufferFullStrategy() {
            return BufferFullStrategy.SHUT_DOWN;
        }
    }

    private static final class Eager extends Base<EagerBufferConfig> implements EagerBufferConfig {
        Eager(Long maxRecords, Long maxBytes, boolean logging, Map<String, String> logConfig) {
            super(maxRecords, maxBytes, logging, logConfig);
            if (maxRecords == null && maxBytes == null) {
                throw new IllegalArgumentException("An emit-early buffer needs a bound (maxRecords or maxBytes)");
            }
        }

        @Override
        EagerBufferConfig copy(Long maxRecords, Long maxBytes, boolean logging, Map<String, String> logConfig) {
            return new Eager(maxRecords, maxBytes, logging, logConfig);
        }

        @Override
        public BufferFullStrategy bufferFullStrategy() {
            return BufferFullStrategy.EMIT;
        }
    }
}
