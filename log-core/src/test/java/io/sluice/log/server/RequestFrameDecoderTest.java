package io.sluice.log.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;

class RequestFrameDecoderTest {
    private static final int MAX = 1024;

    private final EmbeddedChannel channel =
        new EmbeddedChannel(new RequestFrameDecoder(MAX, EnumSet.of(ApiKeys.PRODUCE)));

    @Test
    void cutsFramesWhateverTheReadBoundaries() {
        byte[] stream = concat(frame(ApiKeys.PRODUCE, 300), frame(ApiKeys.METADATA, 20), frame(ApiKeys.PRODUCE, 9));
        for (int chunk : new int[] {1, 3, 5, 7, 64, stream.length}) {
            for (int i = 0; i < stream.length; i += chunk) {
                channel.writeInbound(Unpooled.wrappedBuffer(stream, i, Math.min(chunk, stream.length - i)));
            }
            List<ByteBuf> frames = readFrames();
            assertThat(frames).extracting(ByteBuf::readableBytes).containsExactly(300, 20, 9);
            assertThat(bytesOf(frames.get(0))).isEqualTo(body(frame(ApiKeys.PRODUCE, 300)));
            assertThat(bytesOf(frames.get(1))).isEqualTo(body(frame(ApiKeys.METADATA, 20)));
            frames.forEach(ByteBuf::release);
        }
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void pooledKeysGetDirectFramesOthersHeapFrames() {
        channel.writeInbound(Unpooled.wrappedBuffer(concat(frame(ApiKeys.PRODUCE, 50), frame(ApiKeys.FETCH, 50))));
        List<ByteBuf> frames = readFrames();
        assertThat(frames.get(0).isDirect()).isTrue();
        assertThat(frames.get(1).isDirect()).isFalse();
        frames.forEach(ByteBuf::release);
    }

    @Test
    void badSizeClosesBeforeTheRestArrives() {
        channel.writeInbound(Unpooled.wrappedBuffer(ByteBuffer.allocate(4).putInt(0, MAX + 1)));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void tooSmallSizeCloses() {
        channel.writeInbound(Unpooled.wrappedBuffer(ByteBuffer.allocate(4).putInt(0, 7)));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void partialFrameIsNeverEmitted() {
        channel.writeInbound(Unpooled.wrappedBuffer(frame(ApiKeys.PRODUCE, 100), 0, 50));
        assertThat(readFrames()).isEmpty();
        channel.close();
        assertThat(channel.finish()).isFalse();
    }

    private List<ByteBuf> readFrames() {
        List<ByteBuf> frames = new ArrayList<>();
        for (ByteBuf frame = channel.readInbound(); frame != null; frame = channel.readInbound()) {
            frames.add(frame);
        }
        return frames;
    }

    /** A size prefix and {@code size} bytes starting with {@code key}'s id, then a counting pattern. */
    private static byte[] frame(ApiKeys key, int size) {
        ByteBuffer buffer = ByteBuffer.allocate(Integer.BYTES + size).putInt(size).putShort(key.id);
        for (int i = 2; i < size; i++) {
            buffer.put((byte) (i * 31 + key.id));
        }
        return buffer.array();
    }

    private static byte[] body(byte[] frame) {
        byte[] body = new byte[frame.length - Integer.BYTES];
        System.arraycopy(frame, Integer.BYTES, body, 0, body.length);
        return body;
    }

    private static byte[] bytesOf(ByteBuf frame) {
        byte[] bytes = new byte[frame.readableBytes()];
        frame.getBytes(frame.readerIndex(), bytes);
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer all = ByteBuffer.allocate(java.util.Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }
}
