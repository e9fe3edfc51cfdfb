package io.sluice.connect.runtime.errors;

/**
 * Where in a task's pipeline a record failed; the name is what {@code __connect.errors.stage} carries, as in Kafka
 * Connect.
 */
public enum Stage {
    TASK_POLL, TASK_PUT, TRANSFORMATION, KEY_CONVERTER, VALUE_CONVERTER, HEADER_CONVERTER, KAFKA_PRODUCE, KAFKA_CONSUME
}
