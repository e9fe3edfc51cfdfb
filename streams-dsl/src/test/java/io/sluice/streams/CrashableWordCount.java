package io.sluice.streams;

import io.sluice.streams.kstream.Consumed;
import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.kstream.Produced;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A key count app run as a child JVM by {@link StreamsAppCrashIT}, to be killed with SIGKILL: counts records per
 * key of {@code in} into {@code out}, prints {@code RUNNING} once it runs, and never exits by itself.
 *
 * <p>Arguments: bootstrap servers, state directory, application id.
 */
public final class CrashableWordCount {
    static final String INPUT = "crash-in";
    static final String OUTPUT = "crash-out";

    private CrashableWordCount() {
    }

    static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(INPUT, Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .count(Materialized.as("key-counts"))
            .toStream()
            .to(OUTPUT, Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    static Properties props(String bootstrapServers, String stateDir, String applicationId) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200L);
        props.put("consumer.session.timeout.ms", 6_000);
        props.put("consumer.heartbeat.interval.ms", 500);
        return props;
    }

    public static void main(String[] args) throws InterruptedException {
        StreamsApp app = new StreamsApp(topology(), props(args[0], args[1], args[2]));
        app.setStateListener((newState, oldState) -> {
            if (newState == StreamsApp.State.RUNNING) {
                System.out.println("RUNNING");
                System.out.flush();
            }
        });
        app.start();
        new CountDownLatch(1).await(); // until killed
    }
}
