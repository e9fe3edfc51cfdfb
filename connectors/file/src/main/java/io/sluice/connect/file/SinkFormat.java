package io.sluice.connect.file;

import org.apache.kafka.connect.sink.SinkRecord;

/** How the file sink turns a record into one line (without its newline). */
public enum SinkFormat {

    /** The value's {@code String.valueOf}: a string as is, a tombstone as {@code null}. Newlines are not escaped. */
    TEXT {
        @Override
        String line(SinkRecord record) {
            return String.valueOf(record.value());
        }
    },

    /**
     * One JSON object: {@code {"topic":..,"partition":..,"offset":..,"timestamp":..,"key":..,"value":..}}, the
     * timestamp null when the record has none; key and value rendered by {@link JsonRenderer}.
     */
    JSON {
        @Override
        String line(SinkRecord record) {
            StringBuilder out = new StringBuilder(128).append("{\"topic\":");
            JsonRenderer.render(record.topic(), out);
            out.append(",\"partition\":");
            JsonRenderer.render(record.kafkaPartition(), out);
            out.append(",\"offset\":").append(record.kafkaOffset()).append(",\"timestamp\":");
            JsonRenderer.render(record.timestamp(), out);
            out.append(",\"key\":");
            JsonRenderer.render(record.key(), out);
            out.append(",\"value\":");
            JsonRenderer.render(record.value(), out);
            return out.append('}').toString();
        }
    };

    abstract String line(SinkRecord record);
}
