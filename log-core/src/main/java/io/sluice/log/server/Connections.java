package io.sluice.log.server;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closing one client connection on a protocol violation: logged once per connection (a flood of garbage must
 * not flood the log), and every stage of the pipeline stops processing that connection's bytes.
 */
final class Connections {
    private static final Logger LOG = LoggerFactory.getLogger(SocketServer.class);
    private static final AttributeKey<String> CLOSE_REASON = AttributeKey.valueOf("sluice.closeReason");

    private Connections() {
    }

    /** Closes {@code channel} for {@code reason}; only the first reason per connection is logged. */
    static void close(Channel channel, String reason) {
        if (channel.attr(CLOSE_REASON).setIfAbsent(reason) == null) {
            LOG.warn("Closing connection from {}: {}", channel.remoteAddress(), reason);
        }
        channel.close();
    }

    static boolean isClosing(Channel channel) {
        return channel.attr(CLOSE_REASON).get() != null;
    }
}
