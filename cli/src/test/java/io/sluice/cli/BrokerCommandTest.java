package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.log.embedded.EmbeddedBroker;
import io.sluice.log.server.BrokerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The broker command's configuration and start-up failures; a running broker is tested in {@link BrokerProcessIT}. */
class BrokerCommandTest {
    @TempDir
    Path dir;

    private Path configFile(String content) throws IOException {
        return Files.writeString(dir.resolve("server.properties"), content);
    }

    private BrokerConfig parse(String... args) {
        BrokerCommand command = new BrokerCommand();
        new CommandLine(command).parseArgs(args);
        return command.config();
    }

    @Test
    void anUnknownKeyInTheConfigFileExitsTwoNamingTheKey() throws IOException {
        Path file = configFile("num.partitions=3\nlisteners=PLAINTEXT://:9092\n");

        Cli.Result result = Cli.run("broker", "--data-dir", dir.resolve("data").toString(), "--config", file.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("'listeners'").contains(file.toString());
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.out()).doesNotContain("ready");
    }

    @Test
    void aBadValueExitsTwoNamingTheKeyAndTheValue() throws IOException {
        Path file = configFile("num.partitions=zero\n");

        Cli.Result result = Cli.run("broker", "--data-dir", dir.resolve("data").toString(), "--config", file.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("num.partitions").contains("zero");
    }

    @Test
    void aPortOutOfRangeExitsTwo() {
        Cli.Result result = Cli.run("broker", "--data-dir", dir.resolve("data").toString(), "--port", "70000");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("port").contains("70000");
    }

    @Test
    void aMissingConfigFileExitsTwo() {
        Path missing = dir.resolve("nope.properties");

        Cli.Result result = Cli.run("broker", "--config", missing.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("does not exist").contains(missing.toString());
    }

    @Test
    void anUnknownOverrideKeyExitsTwoNamingTheKey() {
        Cli.Result result = Cli.run("broker", "--data-dir", dir.resolve("data").toString(), "--override", "bogus.key=1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("'bogus.key'");
    }

    @Test
    void commandLineFlagsOverrideTheConfigFile() throws IOException {
        Path file = configFile("port=1234\nlog.dir=/from/file\nnum.partitions=4\n");

        BrokerConfig config = parse("--config", file.toString(), "--port", "5555", "--data-dir", "from-flag");

        assertThat(config.port()).isEqualTo(5555);
        assertThat(config.logDir()).isEqualTo(Path.of("from-flag"));
        assertThat(config.numPartitions()).isEqualTo(4);
    }

    @Test
    void theConfigFileOverridesTheFlagDefaults() throws IOException {
        Path file = configFile("port=1234\nlog.dir=/from/file\n");

        BrokerConfig config = parse("--config", file.toString());

        assertThat(config.port()).isEqualTo(1234);
        assertThat(config.logDir()).isEqualTo(Path.of("/from/file"));
    }

    @Test
    void withoutFlagsOrFileTheDefaultsAreDataBrokerAndPort9092() {
        BrokerConfig config = parse();

        assertThat(config.port()).isEqualTo(9092);
        assertThat(config.logDir()).isEqualTo(Path.of("data", "broker"));
    }

    @Test
    void overridesWinOverTheFileAndFlagsWinOverOverrides() throws IOException {
        Path file = configFile("num.partitions=4\nport=1234\n");

        BrokerConfig config = parse("--config", file.toString(), "--override", "num.partitions=6",
            "--override", "port=2222", "--port", "3333");

        assertThat(config.numPartitions()).isEqualTo(6);
        assertThat(config.port()).isEqualTo(3333);
    }

    @Test
    void aPortInUseExitsOneWithAClearMessage() {
        try (EmbeddedBroker other = EmbeddedBroker.start(dir.resolve("other"), 0, Map.of())) {
            Cli.Result result = Cli.run("broker", "--data-dir", dir.resolve("data").toString(),
                "--port", Integer.toString(other.port()));

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("Cannot listen on localhost:" + other.port()).contains("--port");
            assertThat(result.err().lines()).hasSize(1);
        }
    }

    @Test
    void aDataDirectoryInUseExitsOneWithAClearMessage() {
        try (EmbeddedBroker other = EmbeddedBroker.start(dir.resolve("data"), 0, Map.of())) {
            Cli.Result result = Cli.run("broker", "--data-dir", other.dataDir().toString(), "--port", "0");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("Cannot start the broker").contains(other.dataDir().toString());
        }
    }
}
