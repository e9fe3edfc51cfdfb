package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Client commands against a port where nothing listens: a clear one-line error and exit 1, never a hang. */
class ClientCommandsWithoutBrokerTest {
    private String bootstrap;

    @BeforeEach
    void pickAClosedPort() throws IOException {
        bootstrap = "localhost:" + Cli.closedPort();
    }

    @Test
    void topicsListReportsTheUnreachableBrokerWithinTheTimeout() {
        Cli.Result result = Cli.run("topics", "list", "--bootstrap-server", bootstrap, "--timeout-ms", "1000");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("sluice: No answer from a broker at " + bootstrap + " within");
        assertThat(result.err().lines()).hasSize(1);
    }

    @Test
    void produceReportsThatTheRecordsWereNotWrittenAndExitsOne() {
        Cli.Result result = Cli.runWithStdin("a\nb\n", "produce", "t", "--bootstrap-server", bootstrap,
            "--timeout-ms", "1000");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("Writing to t failed after 0 of").contains("no acknowledgement from " + bootstrap);
        assertThat(result.err()).doesNotContain("Wrote");
    }

    @Test
    void consumeReportsTheUnreachableBrokerAndExitsOne() {
        Cli.Result result = Cli.run("consume", "t", "--bootstrap-server", bootstrap, "--timeout-ms", "1000");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("No answer from a broker at " + bootstrap);
    }

    @Test
    void aNegativeMaxIsAUsageError() {
        Cli.Result result = Cli.run("consume", "t", "--max", "-1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--max");
    }

    @Test
    void aMalformedBootstrapServerIsAUsageError() {
        Cli.Result result = Cli.run("topics", "list", "--bootstrap-server", "no-port-here");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--bootstrap-server 'no-port-here'");
    }
}
