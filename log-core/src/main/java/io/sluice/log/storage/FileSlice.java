package io.sluice.log.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A range of a segment file that holds whole record batches (the last one may be cut short by the byte limit
 * of the read, as Kafka's fetch allows): what the broker hands to the network to send zero-copy.
 *
 * <p>The channel stays open while the slice may be in flight: deleted segments are closed only after
 * {@code file.delete.delay.ms}.
 */
public record FileSlice(FileChannel channel, long position, int length) {
    public static final FileSlice EMPTY = new FileSlice(null, 0, 0);

    /** Copies the slice into a new heap buffer (for tests and tools; the broker sends the channel range). */
    public ByteBuffer readFully() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new IOException("Unexpected end of segment file at " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }
}
