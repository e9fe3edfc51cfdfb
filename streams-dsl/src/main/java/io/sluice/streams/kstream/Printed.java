package io.sluice.streams.kstream;

import io.sluice.streams.errors.StreamsException;
import io.sluice.streams.errors.TopologyException;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how {@code KStream#print} writes records: to standard out or a file (UTF-8), one line per record
 * formatted as {@code [label]: <mapper(key, value)>}. The label defaults to the print processor's name and the
 * mapper to {@code key + ", " + value}. A mutable builder as in Kafka Streams: {@code withX} changes and returns
 * {@code this}.
 *
 * <p>Unlike Kafka Streams, {@link #toFile} does not open the file; it checks the path and {@link #open()} opens
 * (and truncates) it when the print processor starts, so building a topology has no side effects on disk.
 *
 * @param <K> key type
 * @param <V> value type
 */
public class Printed<K, V> implements NamedOperation<Printed<K, V>> {
    private final Path file;
    private String label;
    private KeyValueMapper<? super K, ? super V, String> mapper = (key, value) -> key + ", " + value;
    private String name;

    private Printed(Path file) {
        this.file = file;
    }

    /** A copy of {@code printed}, for subclasses. */
    protected Printed(Printed<K, V> printed) {
        this.file = printed.file;
        this.label = printed.label;
        this.mapper = printed.mapper;
        this.name = printed.name;
    }

    /**
     * Prints to the file at {@code filePath}, replacing its contents when printing starts.
     *
     * @throws TopologyException if the path is blank or invalid, names a directory, or its parent directory does
     *                           not exist
     */
    public static <K, V> Printed<K, V> toFile(String filePath) {
        Objects.requireNonNull(filePath, "filePath");
        if (filePath.isBlank()) {
            throw new TopologyException("Printed file path must not be blank");
        }
        Path path;
        try {
            path = Path.of(filePath).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new TopologyException("Printed file path '" + filePath + "' is invalid: " + e.getMessage(), e);
        }
        if (Files.isDirectory(path)) {
            throw new TopologyException("Printed file path '" + filePath + "' is a directory");
        }
        if (path.getParent() != null && !Files.isDirectory(path.getParent())) {
            throw new TopologyException("Printed file path '" + filePath + "': parent directory "
                + path.getParent() + " does not exist");
        }
        return new Printed<>(path);
    }

    public static <K, V> Printed<K, V> toSysOut() {
        return new Printed<>((Path) null);
    }

    public Printed<K, V> withLabel(String label) {
        this.label = Objects.requireNonNull(label, "label");
        return this;
    }

    /** Formats each record's key and value (the part after {@code "[label]: "}). */
    public Printed<K, V> withKeyValueMapper(KeyValueMapper<? super K, ? super V, String> mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        return this;
    }

    @Override
    public Printed<K, V> withName(String processorName) {
        this.name = Named.validateOrNull(processorName);
        return this;
    }

    /** The label, or {@code null} to use the processor name. */
    public String label() {
        return label;
    }

    public KeyValueMapper<? super K, ? super V, String> mapper() {
        return mapper;
    }

    public String name() {
        return name;
    }

    /** The file printed to, or {@code null} for standard out. */
    public Path filePathOrNull() {
        return file;
    }

    /** One printed line (without line separator): {@code [label]: mapped}, labelled {@code processorName} if unset. */
    public String line(String processorName, K key, V value) {
        return "[" + (label != null ? label : processorName) + "]: " + mapper.apply(key, value);
    }

    /**
     * Opens the destination; the caller closes the stream when the print processor closes. Closing a standard-out
     * stream only flushes it, since {@link System#out} belongs to the JVM. File output is buffered (flushed on
     * close) and truncates an existing file.
     *
     * @throws StreamsException if the file cannot be opened for writing
     */
    public PrintStream open() {
        if (file == null) {
            OutputStream notClosingStdout = new FilterOutputStream(System.out) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length); // FilterOutputStream would write byte by byte
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            };
            return new PrintStream(notClosingStdout, true, StandardCharsets.UTF_8);
        }
        try {
            return new PrintStream(new BufferedOutputStream(Files.newOutputStream(file)), false,
                StandardCharsets.UTF_8);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            throw new StreamsException("Cannot open " + file + " to print records: " + e, e);
        }
    }
}
