package io.sluice.examples.clickstream;

import java.nio.file.Path;
import java.util.Map;

/**
 * The Connect side of the clickstream pipeline as configs, exactly what a user would put in worker.properties and
 * connector files for {@code bin/sluice connect standalone}: keys are strings (StringConverter), values JSON
 * without schemas (JsonConverter), so the Streams app reads them with a plain JSON serde; the sink writes the app's
 * JSON values as they are, one per line.
 */
final class ClickstreamConnectors {
    static final String DATAGEN_CLASS = "io.sluice.connect.datagen.DatagenConnector";
    static final String FILE_SINK_CLASS = "io.sluice.connect.file.FileSinkConnector";
    private static final String STRING_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";
    private static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";

    private ClickstreamConnectors() {
    }

    /** A worker on {@code bootstrapServers}, its REST API on a free port, offsets in a local file. */
    static Map<String, String> worker(String bootstrapServers, Path offsetsFile) {
        return Map.of(
            "bootstrap.servers", bootstrapServers,
            "listeners", "http://localhost:0",
            "key.converter", STRING_CONVERTER,
            "value.converter", JSON_CONVERTER,
            "value.converter.schemas.enable", "false",
            "offset.storage.file.filename", offsetsFile.toString(),
            // The sink commits its consumer offsets at this interval, and the run's end is observed through them.
            "offset.flush.interval.ms", "200");
    }

    /** Every user once: {@code users} records, then the task idles. */
    static Map<String, String> usersSource(String topic, ClickstreamSettings settings) {
        return Map.of(
            "connector.class", DATAGEN_CLASS,
            "tasks.max", "1",
            "data.set", "users",
            "topic", topic,
            "seed", String.valueOf(settings.seed()),
            "users.count", String.valueOf(settings.users()),
            "rate", "0",
            "max.records", String.valueOf(settings.users()));
    }

    static Map<String, String> clicksSource(String topic, ClickstreamSettings settings) {
        return Map.of(
            "connector.class", DATAGEN_CLASS,
            "tasks.max", "1",
            "data.set", "clicks",
            "topic", topic,
            "seed", String.valueOf(settings.seed()),
            "users.count", String.valueOf(settings.users()),
            "bot.ratio", String.valueOf(settings.botRatio()),
            "rate", String.valueOf(settings.clicksPerSecond()),
            "max.records", String.valueOf(settings.clicks()),
            "ts.step.ms", String.valueOf(ClickstreamPipeline.CLICK_INTERVAL_MS));
    }

    /** The app's JSON values written verbatim, one per line. */
    static Map<String, String> pageViewsSink(String topic, Path file) {
        return Map.of(
            "connector.class", FILE_SINK_CLASS,
            "tasks.max", "1",
            "topics", topic,
            "file", file.toString(),
            "format", "text",
            "key.converter", STRING_CONVERTER,
            "value.converter", STRING_CONVERTER);
    }
}
