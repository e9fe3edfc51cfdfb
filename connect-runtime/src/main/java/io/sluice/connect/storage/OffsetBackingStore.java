package io.sluice.connect.storage;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Durable key/value storage for source connector offsets. Keys and values are opaque bytes here; the
 * {@link OffsetCodec} gives them Kafka Connect's layout (key {@code ["connector", {partition}]}, value the offset map,
 * both schemaless JSON), so a store written by Kafka Connect's topic-backed store reads the same.
 *
 * <p>Threading: implementations are thread-safe; every task of the worker shares one store. {@link #set} returns
 * once the values are durable, so a caller that stored an offset and then crashed resumes from it.
 */
public interface OffsetBackingStore extends AutoCloseable {

    /** Opens the store and loads what it holds; called once before any other method. */
    void start();

    /** The stored value of a key, or null. */
    ByteBuffer get(ByteBuffer key);

    /** A snapshot of every stored entry. */
    Map<ByteBuffer, ByteBuffer> all();

    /** Stores the entries durably; a null value removes its key. */
    void set(Map<ByteBuffer, ByteBuffer> values);

    @Override
    void close();
}
