package io.sluice.log.config;

import io.sluice.log.errors.SluiceException;

/** A configuration value that is missing, unparsable or out of range; the message names the key and the value. */
public class ConfigException extends SluiceException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public static ConfigException invalid(String name, Object value, String reason) {
        return new ConfigException("Invalid value '" + value + "' for configuration '" + name + "': " + reason);
    }
}
