package io.sluice.log.server;

import io.sluice.log.storage.FileSlice;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Objects;
import org.apache.kafka.common.network.TransferableChannel;
import org.apache.kafka.common.record.internal.DefaultRecordsSend;
import org.apache.kafka.common.record.internal.RecordsSend;
import org.apache.kafka.common.record.internal.TransferableRecords;

/**
 * Record batches that stay in a segment file: a {@code (FileChannel, position, length)} range the Fetch handler
 * puts into {@code FetchResponseData.PartitionData.setRecords(...)}. kafka-clients serializes every other field
 * of the response into buffers and, for records that are not {@code MemoryRecords}, adds this object's
 * {@link #toSend()} to the response {@code Send}; the server writes that {@code Send} as a Netty
 * {@code FileRegion}, so these bytes go from the page cache to the socket with {@code FileChannel.transferTo}
 * (sendfile) and never enter the JVM heap.
 *
 * <p>Why not kafka-clients' {@code FileRecords}: it can only be built by opening a file ({@code FileRecords.open})
 * and closes its channel on {@code close()}, while our segments own one long-lived channel per file; its
 * package-private constructor takes a channel but is not reachable. This class borrows the segment's channel and
 * never closes it (segments close their files only {@code file.delete.delay.ms} after deletion, so in-flight
 * sends finish first).
 *
 * <p>The bytes must be whole record batches except that the last batch may be cut short by the fetch's byte
 * limit, as Kafka allows; clients drop the partial batch. Immutable; each {@link #toSend()} is a fresh cursor.
 */
public final class FileSliceRecords implements TransferableRecords {
    private final FileChannel channel;
    private final long position;
    private final int sizeInBytes;

    public FileSliceRecords(FileChannel channel, long position, int sizeInBytes) {
        if (position < 0 || sizeInBytes < 0) {
            throw new IllegalArgumentException("Invalid file slice: position " + position + ", size " + sizeInBytes);
        }
        if (sizeInBytes > 0) {
            Objects.requireNonNull(channel, "channel");
        }
        this.channel = channel;
        this.position = position;
        this.sizeInBytes = sizeInBytes;
    }

    /** Wraps a slice read from a partition log. */
    public static FileSliceRecords of(FileSlice slice) {
        return new FileSliceRecords(slice.channel(), slice.position(), slice.length());
    }

    @Override
    public int sizeInBytes() {
        return sizeInBytes;
    }

    @Override
    public RecordsSend<FileSliceRecords> toSend() {
        return new DefaultRecordsSend<>(this);
    }

    /**
     * Writes up to {@code length} bytes starting {@code offset} bytes into the slice; returns how many the channel
     * took (fewer when the socket buffer is full).
     */
    @Override
    public int writeTo(TransferableChannel destination, int offset, int length) throws IOException {
        if (offset < 0 || length < 0 || (long) offset + length > sizeInBytes) {
            throw new IllegalArgumentException("Write of " + length + " bytes at " + offset
                + " is outside a slice of " + sizeInBytes + " bytes");
        }
        if (length == 0) {
            return 0;
        }
        return (int) destination.transferFrom(channel, position + offset, length);
    }

    @Override
    public String toString() {
        return "FileSliceRecords(position=" + position + ", size=" + sizeInBytes + ")";
    }
}
