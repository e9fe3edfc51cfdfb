package io.sluice.streams;

import static io.sluice.streams.AppTestClients.produce;
import static io.sluice.streams.AppTestClients.readLatestUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without bootstrap.servers the app runs on its own embedded broker, with the data under its state directory. */
class StreamsAppEmbeddedBrokerIT {
    @TempDir
    Path stateDir;

    @Test
    void wordCountOnTheAppsOwnEmbeddedBroker() throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "embedded-wc");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100L);
        try (StreamsApp app = new StreamsApp(StreamsAppIT.wordCount("lines", "counts"), props)) {
            app.start();
            String servers = app.bootstrapServers();
            assertThat(servers).isNotEmpty();
            assertThat(stateDir.resolve("embedded-wc").resolve("broker")).isDirectory();
            produce(servers, "lines", StreamsAppIT.lines("to be or not to be"));
            Map<String, Long> expected = Map.of("to", 2L, "be", 2L, "or", 1L, "not", 1L);
            Map<String, Long> counts = readLatestUntil(servers, "counts", new StringDeserializer(),
                new LongDeserializer(), expected::equals, Duration.ofSeconds(60));
            assertThat(counts).isEqualTo(expected);
        }
    }
}
