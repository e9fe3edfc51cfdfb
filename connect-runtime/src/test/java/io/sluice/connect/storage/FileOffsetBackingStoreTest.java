package io.sluice.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOffsetBackingStoreTest {
    private final OffsetCodec codec = new OffsetCodec();

    @Test
    void offsetsWrittenByOneStoreAreReadByTheNextAndNullRemovesThem(@TempDir Path dir) {
        Path file = dir.resolve("offsets.json");
        FileOffsetBackingStore first = new FileOffsetBackingStore(file);
        first.start();
        ConnectorOffsetStore a = new ConnectorOffsetStore("a", first, codec);
        a.write(Map.of(Map.of("file", "x.txt"), Map.of("position", 42L), Map.of("file", "y.txt"), Map.of("position", 7L)));
        new ConnectorOffsetStore("b", first, codec).write(Map.of(Map.of("file", "x.txt"), Map.of("position", 1L)));
        Map<Map<String, ?>, Map<String, ?>> removal = new HashMap<>();
        removal.put(Map.of("file", "y.txt"), null);
        a.write(removal);

        FileOffsetBackingStore second = new FileOffsetBackingStore(file);
        second.start();

        assertThat(new ConnectorOffsetStore("a", second, codec).all())
            .isEqualTo(Map.of(Map.of("file", "x.txt"), Map.of("position", 42L)));
        assertThat(new ConnectorOffsetStore("b", second, codec).offset(Map.of("file", "x.txt")))
            .isEqualTo(Map.of("position", 1L));
        assertThat(dir.resolve("offsets.json.tmp")).doesNotExist();
    }

    @Test
    void corruptFileIsAClearErrorNamingTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("offsets.json");
        Files.writeString(file, "[[\"key\", \"value\"], {broken");

        assertThatThrownBy(() -> new FileOffsetBackingStore(file).start())
            .isInstanceOf(ConnectException.class)
            .hasMessageContaining("Offset file " + file.toAbsolutePath() + " is corrupt");
    }
}
