package io.sluice.streams.processor.api;

import io.sluice.streams.processor.Cancellable;
import io.sluice.streams.processor.PunctuationType;
import io.sluice.streams.processor.Punctuator;
import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.TaskId;
import java.io.File;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;

/**
 * What a processor sees of its task: identity, configuration, state stores, time and scheduling. Used only from
 * the thread running the task, inside {@code init}, {@code process}, {@code close} or a punctuator.
 */
public interface ProcessingContext {
    String applicationId();

    TaskId taskId();

    /** The source of the record being processed; empty inside a punctuator. */
    Optional<RecordMetadata> recordMetadata();

    Serde<?> keySerde();

    Serde<?> valueSerde();

    File stateDir();

    /** A store connected to this processor; {@code S} is the store's interface (e.g. {@code KeyValueStore}). */
    <S extends StateStore> S getStateStore(String name);

    /**
     * Calls {@code callback} every {@code interval}: on {@link PunctuationType#STREAM_TIME} when stream time (the
     * largest record timestamp seen by the task) has advanced by the interval, on
     * {@link PunctuationType#WALL_CLOCK_TIME} by the system clock.
     */
    Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback);

    /** Asks for a commit (stores flushed, outputs sent, offsets committed) as soon as possible. */
    void commit();

    Map<String, Object> appConfigs();

    Map<String, Object> appConfigsWithPrefix(String prefix);

    long currentSystemTimeMs();

    long currentStreamTimeMs();
}
