package io.sluice.connect.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connect.testkit.ConfigDocs;
import org.junit.jupiter.api.Test;

class DatagenDocsTest {

    @Test
    void shouldDocumentEveryKeyWithItsDefault() {
        assertThat(ConfigDocs.problems(ConfigDocs.connectorsGuide(), "## Datagen source", DatagenConfig.CONFIG_DEF))
            .isEmpty();
    }
}
