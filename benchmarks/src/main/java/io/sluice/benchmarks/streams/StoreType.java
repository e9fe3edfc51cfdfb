package io.sluice.benchmarks.streams;

/**
 * The state store implementation a stateful benchmark topology materializes its stores with. The benchmarks take it
 * as {@code @Param({"rocksdb", "in_memory"}) String storeType} ({@link #of}), and each driver maps it to its own
 * DSL's store suppliers.
 */
public enum StoreType {
    ROCKSDB("rocksdb"),
    IN_MEMORY("in_memory");

    private final String paramValue;

    StoreType(String paramValue) {
        this.paramValue = paramValue;
    }

    /** The JMH {@code @Param} value that selects this store type. */
    public String paramValue() {
        return paramValue;
    }

    public static StoreType of(String paramValue) {
        for (StoreType type : values()) {
            if (type.paramValue.equals(paramValue)) {
                return type;
            }
        }
        throw new IllegalArgumentException("storeType must be rocksdb or in_memory, got " + paramValue);
    }
}
