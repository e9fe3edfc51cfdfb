package io.sluice.log.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.log.server.BrokerConfig;
import io.sluice.log.coordinator.GroupConfig;
import io.sluice.log.storage.LogConfig;
import io.sluice.log.storage.LogManagerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/config-reference.md is generated from the key declarations; this test fails when they drift. To
 * regenerate: {@code mvn -pl log-core test -Dtest=ConfigReferenceDocTest -Dsluice.docs.update=true}.
 */
class ConfigReferenceDocTest {
    private static final Path DOC = Path.of("..", "docs", "config-reference.md");

    static String render() {
        return "# Configuration reference\n\n"
            + "Generated from the key declarations in the code; do not edit by hand (see ConfigReferenceDocTest).\n\n"
            + LogConfig.DEFINITION.toMarkdown() + "\n" + LogManagerConfig.DEFINITION.toMarkdown() + "\n"
            + BrokerConfig.DEFINITION.toMarkdown() + "\n" + GroupConfig.DEFINITION.toMarkdown();
    }

    @Test
    void configReferenceMatchesTheDeclarations() throws IOException {
        String expected = render();
        if (Boolean.getBoolean("sluice.docs.update")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        assertThat(DOC).as("docs/config-reference.md is stale: regenerate it with "
                + "mvn -pl log-core test -Dtest=ConfigReferenceDocTest -Dsluice.docs.update=true")
            .exists();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8)).isEqualTo(expected);
    }
}
