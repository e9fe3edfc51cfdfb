package io.sluice.connect.runtime.errors;

import java.util.Locale;

/** Values of {@code errors.tolerance}: {@code none} fails the task on the first bad record, {@code all} skips it. */
public enum ToleranceType {
    NONE, ALL;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ToleranceType of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
