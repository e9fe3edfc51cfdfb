package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SluiceCommandTest {
    @Test
    void topLevelHelpListsEverySubcommandWithItsDescription() {
        Cli.Result result = Cli.run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
            .containsPattern("broker\\s+Run a broker in the foreground")
            .containsPattern("topics\\s+Create, list, describe and delete topics")
            .containsPattern("produce\\s+Write stdin lines to a topic")
            .containsPattern("consume\\s+Print a topic's records to stdout")
            .containsPattern("demo\\s+Run the clickstream example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"broker", "topics", "topics create", "topics list", "topics describe", "topics delete",
        "produce", "consume", "demo"})
    void everySubcommandHasItsOwnHelp(String command) {
        String[] args = (command + " --help").split(" ");

        Cli.Result result = Cli.run(args);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: sluice " + command);
    }

    @Test
    void anUnknownSubcommandIsAUsageError() {
        Cli.Result result = Cli.run("frobnicate");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("frobnicate");
    }

    @Test
    void aMissingTopicArgumentIsAUsageError() {
        Cli.Result result = Cli.run("produce");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required parameter: 'TOPIC'");
    }

    @Test
    void topicsWithoutAnActionPrintsItsUsage() {
        Cli.Result result = Cli.run("topics");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("create").contains("list").contains("describe").contains("delete");
    }
}
