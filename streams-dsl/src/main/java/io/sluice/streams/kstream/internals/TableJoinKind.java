package io.sluice.streams.kstream.internals;

/**
 * Which sides of a primary-key table join must have a value for the key to have a result: both (inner), the left
 * (left join) or either (outer). The joiner is called with {@code null} for a side that may be missing.
 */
enum TableJoinKind {
    INNER(true, true, "KTABLE-JOINTHIS-", "KTABLE-JOINOTHER-"),
    LEFT(true, false, "KTABLE-LEFTTHIS-", "KTABLE-LEFTOTHER-"),
    OUTER(false, false, "KTABLE-OUTERTHIS-", "KTABLE-OUTEROTHER-");

    final boolean leftRequired;
    final boolean rightRequired;
    final String thisPrefix;
    final String otherPrefix;

    TableJoinKind(boolean leftRequired, boolean rightRequired, String thisPrefix, String otherPrefix) {
        this.leftRequired = leftRequired;
        this.rightRequired = rightRequired;
        this.thisPrefix = thisPrefix;
        this.otherPrefix = otherPrefix;
    }

    /** Whether the key has a result when the sides hold {@code left} and {@code right} ({@code null}: absent). */
    boolean joins(Object left, Object right) {
        return (left != null || right != null) && (left != null || !leftRequired) && (right != null || !rightRequired);
    }
}
