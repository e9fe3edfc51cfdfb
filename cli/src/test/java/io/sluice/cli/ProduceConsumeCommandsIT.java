package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.log.embedded.EmbeddedBroker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code produce} then {@code consume} in-process against an embedded broker; no group, no admin API needed. */
class ProduceConsumeCommandsIT {
    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;

    @BeforeEach
    void startBroker() {
        broker = EmbeddedBroker.start(dataDir);
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    private Cli.Result produce(String topic, String stdin) {
        return Cli.runWithStdin(stdin, "produce", topic, "--bootstrap-server", broker.bootstrapServers());
    }

    @Test
    void consumeFromBeginningPrintsExactlyTheProducedLines() {
        broker.createTopic("lines", 1, Map.of());
        List<String> lines = List.of("k1\tfirst", "second without key", "k3\tthird\twith a tab", "", "k5\t");

        Cli.Result produced = produce("lines", String.join("\n", lines) + "\n");
        Cli.Result consumed = Cli.run("consume", "lines", "--from-beginning", "--max", "5",
            "--bootstrap-server", broker.bootstrapServers());

        assertThat(produced.exitCode()).isZero();
        assertThat(produced.err()).isEqualTo("Wrote 5 records to lines.\n");
        assertThat(produced.out()).isEmpty();
        assertThat(consumed.exitCode()).isZero();
        assertThat(consumed.outLines()).containsExactlyElementsOf(lines);
    }

    @Test
    void maxStopsAfterThatManyRecordsEvenWhenMoreAreThere() {
        broker.createTopic("many", 1, Map.of());
        produce("many", "a\nb\nc\nd\n");

        Cli.Result consumed = Cli.run("consume", "many", "--from-beginning", "--max", "2",
            "--bootstrap-server", broker.bootstrapServers());

        assertThat(consumed.exitCode()).isZero();
        assertThat(consumed.outLines()).containsExactly("a", "b");
    }

    @Test
    void timeoutStopsWhenNoMoreRecordsArrive() {
        broker.createTopic("idle", 3, Map.of());
        produce("idle", "x\ny\nz\n");

        Cli.Result consumed = Cli.run("consume", "idle", "--from-beginning", "--timeout-ms", "1500",
            "--bootstrap-server", broker.bootstrapServers());

        assertThat(consumed.exitCode()).isZero();
        assertThat(consumed.outLines()).containsExactlyInAnyOrder("x", "y", "z");
    }

    @Test
    void withoutFromBeginningOnlyNewRecordsArePrinted() {
        broker.createTopic("old", 1, Map.of());
        produce("old", "already there\n");

        Cli.Result consumed = Cli.run("consume", "old", "--timeout-ms", "1000",
            "--bootstrap-server", broker.bootstrapServers());

        assertThat(consumed.exitCode()).isZero();
        assertThat(consumed.out()).isEmpty();
    }

    @Test
    void produceCreatesAnUnknownTopicWhenTheBrokerAutoCreates() {
        Cli.Result produced = produce("fresh", "v\n");

        assertThat(produced.exitCode()).isZero();
        assertThat(broker.broker().topics().topic("fresh")).isPresent();
    }

    @Test
    void consumingAnUnknownTopicIsAClearErrorAndDoesNotCreateIt() {
        Cli.Result consumed = Cli.run("consume", "missing", "--from-beginning", "--max", "1",
            "--bootstrap-server", broker.bootstrapServers());

        assertThat(consumed.exitCode()).isEqualTo(1);
        assertThat(consumed.err()).isEqualTo("sluice: Topic 'missing' does not exist\n");
        assertThat(broker.broker().topics().topic("missing")).isEmpty();
    }

    @Test
    void aRecordTheBrokerRejectsFailsTheCommandInsteadOfBeingDropped() {
        broker.createTopic("small", 1, Map.of("max.message.bytes", "1024"));
        String big = "x".repeat(4096);

        Cli.Result produced = produce("small", big + "\n");

        assertThat(produced.exitCode()).isEqualTo(1);
        assertThat(produced.err()).contains("Writing to small failed").contains("RecordTooLarge");
    }
}
