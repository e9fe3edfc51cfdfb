package io.sluice.log.record;

import io.sluice.log.errors.CorruptRecordException;

/** The codecs a batch's records may be compressed with; the id is the value of attribute bits 0–2. */
public enum CompressionType {
    NONE(0, "none"),
    GZIP(1, "gzip"),
    SNAPPY(2, "snappy"),
    LZ4(3, "lz4"),
    ZSTD(4, "zstd");

    public final int id;
    public final String configName;

    CompressionType(int id, String configName) {
        this.id = id;
        this.configName = configName;
    }

    public static CompressionType forId(int id) {
        for (CompressionType type : values()) {
            if (type.id == id) {
                return type;
            }
        }
        throw new CorruptRecordException("Unknown compression codec id " + id);
    }
}
