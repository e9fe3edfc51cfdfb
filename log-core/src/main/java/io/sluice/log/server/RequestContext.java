package io.sluice.log.server;

import java.net.InetAddress;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * Who sent a request and how: its parsed header (API key, version, correlation id, client id), the client's
 * address, and a stable id for the connection (group membership and producer fencing log it).
 */
public record RequestContext(RequestHeader header, InetAddress clientAddress, String connectionId,
                             long receivedTimeMs) {
    public short apiVersion() {
        return header.apiVersion();
    }

    public String clientId() {
        return header.clientId();
    }
}
