package io.sluice.log.record;

import java.util.Arrays;
import java.util.Objects;

/**
 * One record header: a non-null string key (UTF-8 on the wire) and a value that may be null. Immutable by
 * convention: the value array is shared, not copied, so callers must not modify it after handing it over.
 */
public record Header(String key, byte[] value) {
    public Header {
        Objects.requireNonNull(key, "header key");
    }

    // A record compares arrays by identity; headers are values, so compare their contents.
    @Override
    public boolean equals(Object other) {
        return other instanceof Header header && key.equals(header.key) && Arrays.equals(value, header.value);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Header(" + key + "=" + (value == null ? "null" : value.length + " bytes") + ")";
    }
}
