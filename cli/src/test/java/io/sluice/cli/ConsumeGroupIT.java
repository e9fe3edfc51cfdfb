package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.log.embedded.EmbeddedBroker;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code consume --group}: subscribe and commit. Needs the broker's consumer-group APIs. */
class ConsumeGroupIT {
    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;

    @BeforeEach
    void startBroker() {
        broker = EmbeddedBroker.start(dataDir);
        broker.createTopic("events", 1, Map.of());
        Cli.Result produced = Cli.runWithStdin("a\nb\nc\nd\ne\n", "produce", "events",
            "--bootstrap-server", broker.bootstrapServers());
        assertThat(produced.exitCode()).as(produced.err()).isZero();
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    private Cli.Result consume(String... args) {
        String[] full = new String[args.length + 4];
        full[0] = "consume";
        full[1] = "events";
        System.arraycopy(args, 0, full, 2, args.length);
        full[args.length + 2] = "--bootstrap-server";
        full[args.length + 3] = broker.bootstrapServers();
        return Cli.run(full);
    }

    @Test
    void aGroupResumesAfterTheLastRecordItPrinted() {
        Cli.Result first = consume("--group", "readers", "--from-beginning", "--max", "3");
        Cli.Result second = consume("--group", "readers", "--from-beginning", "--timeout-ms", "3000");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.outLines()).containsExactly("a", "b", "c");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.outLines()).containsExactly("d", "e");
    }

    @Test
    void aNewGroupWithoutFromBeginningStartsAtTheEnd() {
        Cli.Result consumed = consume("--group", "latecomers", "--timeout-ms", "3000");

        assertThat(consumed.exitCode()).as(consumed.err()).isZero();
        assertThat(consumed.out()).isEmpty();
    }
}
