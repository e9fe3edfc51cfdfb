package io.sluice.streams;

import static io.sluice.streams.AppTestClients.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.log.embedded.EmbeddedBroker;
import io.sluice.log.embedded.EmbeddedBrokerExtension;
import io.sluice.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import io.sluice.streams.errors.TopologyException;
import io.sluice.streams.kstream.Consumed;
import io.sluice.streams.kstream.KTable;
import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.kstream.Produced;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The Streams assignor inside a running app: an assignment it cannot make stops the app through the handler. */
class StreamsAppAssignmentIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = new EmbeddedBrokerExtension();

    @TempDir
    Path stateDir;

    @Test
    void sourcesThatStopBeingCoPartitionedFailTheThreadThroughTheHandler(EmbeddedBroker broker) throws Exception {
        broker.createTopic("copart-users", 1, Map.of());
        broker.createTopic("copart-clicks", 1, Map.of());
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> users = builder.table("copart-users", Consumed.with(Serdes.String(), Serdes.String()),
            Materialized.as("copart-user-store"));
        builder.stream("copart-clicks", Consumed.with(Serdes.String(), Serdes.String()))
            .join(users, (click, user) -> click + "@" + user)
            .to("copart-out", Produced.with(Serdes.String(), Serdes.String()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "copart");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put("consumer.metadata.max.age.ms", 200); // the group leader sees the new partition count soon
        AtomicReference<Throwable> handled = new AtomicReference<>();
        StreamsApp app = new StreamsApp(builder.build(), props);
        app.setUncaughtExceptionHandler(exception -> {
            handled.set(exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        try {
            app.start();
            assertThat(await(() -> app.state() == StreamsApp.State.RUNNING, TIMEOUT)).isTrue();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createPartitions(Map.of("copart-clicks", NewPartitions.increaseTo(2))).all().get();
            }
            assertThat(await(() -> app.state() == StreamsApp.State.ERROR, TIMEOUT))
                .as("the next rebalance has no valid assignment").isTrue();
            assertThat(handled.get()).isInstanceOf(TopologyException.class)
                .hasMessageContaining("copart-clicks").hasMessageContaining("copart-users");
        } finally {
            app.close();
        }
    }
}
