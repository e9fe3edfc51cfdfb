package io.sluice.connect.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * {@code offset.storage.file.filename}: source offsets in one local file, for standalone workers.
 *
 * <p>File format: a JSON array of {@code [key, value]} pairs, each the UTF-8 text of the {@link OffsetCodec} bytes,
 * e.g. {@code [["[\"files\",{\"file\":\"a.txt\"}]", "{\"position\":42}"]]}; readable and editable by hand. Every
 * {@link #set} rewrites the whole file to a temporary sibling, forces it to disk and renames it over the old one
 * (atomic on POSIX file systems), so a crash leaves either the old or the new offsets, never a torn file.
 *
 * <p>Threading: thread-safe; {@link #set} calls are serialised on this store.
 */
public final class FileOffsetBackingStore implements OffsetBackingStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<List<String>>> PAIRS = new TypeReference<>() { };

    private final Path file;
    private final Map<ByteBuffer, ByteBuffer> data = new HashMap<>();

    public FileOffsetBackingStore(Path file) {
        this.file = file;
    }

    /** @throws ConnectException naming the file when it cannot be read or is not in the format above */
    @Override
    public synchronized void start() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            List<List<String>> pairs = JSON.readValue(Files.readAllBytes(file), PAIRS);
            for (List<String> pair : pairs == null ? List.<List<String>>of() : pairs) {
                if (pair.size() != 2 || pair.get(0) == null || pair.get(1) == null) {
                    throw new ConnectException("Offset file " + file.toAbsolutePath()
                        + " is corrupt: expected [key, value] pairs, found " + pair);
                }
                data.put(utf8(pair.get(0)), utf8(pair.get(1)));
            }
        } catch (JsonProcessingException e) {
            throw new ConnectException("Offset file " + file.toAbsolutePath() + " is corrupt (" + e.getOriginalMessage()
                + "); fix or remove it to start from no stored offsets", e);
        } catch (IOException e) {
            throw new ConnectException("Cannot read offset file " + file.toAbsolutePath(), e);
        }
    }

    @Override
    public synchronized ByteBuffer get(ByteBuffer key) {
        return data.get(key);
    }

    @Override
    public synchronized Map<ByteBuffer, ByteBuffer> all() {
        return Map.copyOf(data);
    }

    @Override
    public synchronized void set(Map<ByteBuffer, ByteBuffer> values) {
        Map<ByteBuffer, ByteBuffer> next = new HashMap<>(data);
        values.forEach((key, value) -> {
            if (value == null) {
                next.remove(key);
            } else {
                next.put(key, value);
            }
        });
        write(next);
        data.clear();
        data.putAll(next);
    }

    private void write(Map<ByteBuffer, ByteBuffer> entries) {
        List<List<String>> pairs = new ArrayList<>();
        entries.forEach((key, value) -> pairs.add(List.of(text(key), text(value))));
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(JSON.writeValueAsBytes(pairs)));
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ConnectException("Cannot write offset file " + file.toAbsolutePath(), e);
        }
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ByteBuffer buffer) {
        return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
    }

    @Override
    public void close() {
        // Every set() is already durable; nothing buffered to flush.
    }
}
