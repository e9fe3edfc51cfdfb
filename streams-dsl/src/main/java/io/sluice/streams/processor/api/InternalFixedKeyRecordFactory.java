package io.sluice.streams.processor.api;

/**
 * For the runtime only: turns the record a fixed-key processor receives into a {@link FixedKeyRecord} and back.
 * Users cannot make a {@link FixedKeyRecord} themselves, which is what keeps its key fixed.
 */
public final class InternalFixedKeyRecordFactory {
    private InternalFixedKeyRecordFactory() {
    }

    public static <K, V> FixedKeyRecord<K, V> create(Record<K, V> record) {
        return new FixedKeyRecord<>(record);
    }

    public static <K, V> Record<K, V> unwrap(FixedKeyRecord<K, V> record) {
        return record.asRecord();
    }
}
