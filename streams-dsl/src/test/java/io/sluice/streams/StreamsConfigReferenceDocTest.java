package io.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.streams.state.internals.RocksDbMemoryConfig;
import io.sluice.streams.state.internals.StoreCacheConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/config-reference-streams.md is generated from the Streams key declarations; this test fails when they
 * drift. To regenerate: {@code mvn -pl streams-dsl test -Dtest=StreamsConfigReferenceDocTest -Dsluice.docs.update=true}.
 */
class StreamsConfigReferenceDocTest {
    private static final Path DOC = Path.of("..", "docs", "config-reference-streams.md");

    static String render() {
        return "# Streams configuration reference\n\n"
            + "Generated from the key declarations in the code; do not edit by hand (see StreamsConfigReferenceDocTest).\n\n"
            + StreamsConfig.DEFINITION.toMarkdown() + "\n" + RocksDbMemoryConfig.DEFINITION.toMarkdown() + "\n" + StoreCacheConfig.DEFINITION.toMarkdown();
    }

    @Test
    void streamsConfigReferenceMatchesTheDeclarations() throws IOException {
        String expected = render();
        if (Boolean.getBoolean("sluice.docs.update")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        assertThat(DOC).as("docs/config-reference-streams.md is stale: regenerate it with "
                + "mvn -pl streams-dsl test -Dtest=StreamsConfigReferenceDocTest -Dsluice.docs.update=true")
            .exists();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8)).isEqualTo(expected);
    }
}
