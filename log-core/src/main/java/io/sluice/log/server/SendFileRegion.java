package io.sluice.log.server;

import io.netty.channel.FileRegion;
import io.netty.util.AbstractReferenceCounted;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.WritableByteChannel;
import org.apache.kafka.common.network.Send;
import org.apache.kafka.common.network.TransferableChannel;

/**
 * A kafka-clients response {@link Send} presented to Netty as a {@link FileRegion}, so a response is written by
 * the {@code Send} itself, straight to the socket: header and fields from heap buffers, and file-backed records
 * ({@link FileSliceRecords}) with {@link FileChannel#transferTo} — sendfile on Linux, zero copies in user space.
 *
 * <p>Netty's NIO transport calls {@link #transferTo} on the channel's event loop with the real
 * {@code SocketChannel} whenever the socket is writable; each call writes what the socket accepts and returns the
 * count (0 when the send buffer is full — Netty then waits for OP_WRITE and calls again). The {@code Send} keeps
 * its own cursor, so the position argument is only checked against it.
 *
 * <p>Not thread-safe: used by one event loop. Releasing it releases nothing: file channels belong to the log.
 */
final class SendFileRegion extends AbstractReferenceCounted implements FileRegion {
    private final Send send;
    private final long size;
    private long transferred;

    SendFileRegion(Send send) {
        this.send = send;
        this.size = send.size();
    }

    @Override
    public long position() {
        return 0;
    }

    @Override
    public long transferred() {
        return transferred;
    }

    @Deprecated
    @Override
    public long transfered() {
        return transferred;
    }

    @Override
    public long count() {
        return size;
    }

    @Override
    public long transferTo(WritableByteChannel target, long position) throws IOException {
        if (position != transferred) {
            throw new IllegalArgumentException("A Send writes sequentially: asked for position " + position
                + " after " + transferred + " bytes");
        }
        long written = send.writeTo(new SocketTransferableChannel(target));
        transferred += written;
        return written;
    }

    @Override
    public FileRegion retain() {
        super.retain();
        return this;
    }

    @Override
    public FileRegion retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public FileRegion touch() {
        return this;
    }

    @Override
    public FileRegion touch(Object hint) {
        return this;
    }

    @Override
    protected void deallocate() {
        // Nothing to free: heap buffers are garbage collected and file channels are owned by the log segments.
    }

    /**
     * The adapter a {@code Send} writes through. {@code transferFrom} hands the file range to
     * {@code FileChannel.transferTo(socket)}, which the JDK turns into sendfile when the target is a socket.
     */
    static final class SocketTransferableChannel implements TransferableChannel {
        private final WritableByteChannel target;

        SocketTransferableChannel(WritableByteChannel target) {
            this.target = target;
        }

        @Override
        public boolean hasPendingWrites() {
            return false; // plaintext: nothing buffered between us and the socket (TLS would buffer)
        }

        @Override
        public long transferFrom(FileChannel fileChannel, long position, long count) throws IOException {
            return fileChannel.transferTo(position, count, target);
        }

        @Override
        public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
            if (target instanceof GatheringByteChannel gathering) {
                return gathering.write(sources, offset, length);
            }
            long written = 0;
            for (int i = offset; i < offset + length; i++) {
                ByteBuffer source = sources[i];
                int remaining = source.remaining();
                int n = target.write(source);
                written += n;
                if (n < remaining) {
                    break; // socket full: the Send resumes from its cursor on the next call
                }
            }
            return written;
        }

        @Override
        public long write(ByteBuffer[] sources) throws IOException {
            return write(sources, 0, sources.length);
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            return target.write(source);
        }

        @Override
        public boolean isOpen() {
            return target.isOpen();
        }

        @Override
        public void close() throws IOException {
            // The socket belongs to Netty; a Send never closes it.
        }
    }
}
