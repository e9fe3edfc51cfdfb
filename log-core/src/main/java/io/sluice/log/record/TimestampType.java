package io.sluice.log.record;

/** Whether a batch's timestamps were set by the producer or stamped by the broker on append. */
public enum TimestampType {
    CREATE_TIME,
    LOG_APPEND_TIME;

    /** The config value, as in Kafka's {@code message.timestamp.type}. */
    public String configName() {
        return this == CREATE_TIME ? "CreateTime" : "LogAppendTime";
    }

    public static TimestampType forConfigName(String name) {
        for (TimestampType type : values()) {
            if (type.configName().equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown timestamp type '" + name + "': expected CreateTime or LogAppendTime");
    }
}
