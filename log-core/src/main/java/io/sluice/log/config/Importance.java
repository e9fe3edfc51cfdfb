package io.sluice.log.config;

/** How much a user is expected to care about a key; orders the generated reference. */
public enum Importance {
    HIGH,
    MEDIUM,
    LOW
}
