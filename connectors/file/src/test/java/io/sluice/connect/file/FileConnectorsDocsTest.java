package io.sluice.connect.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connect.testkit.ConfigDocs;
import org.junit.jupiter.api.Test;

class FileConnectorsDocsTest {

    @Test
    void shouldDocumentEverySourceKeyWithItsDefault() {
        assertThat(ConfigDocs.problems(ConfigDocs.connectorsGuide(), "## File source", FileSourceConfig.CONFIG_DEF))
            .isEmpty();
    }

    @Test
    void shouldDocumentEverySinkKeyWithItsDefault() {
        assertThat(ConfigDocs.problems(ConfigDocs.connectorsGuide(), "## File sink", FileSinkConfig.CONFIG_DEF))
            .isEmpty();
    }
}
