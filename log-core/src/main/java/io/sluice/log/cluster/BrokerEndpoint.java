package io.sluice.log.cluster;

/** Where clients reach a broker: its node id and the advertised host and port. */
public record BrokerEndpoint(int nodeId, String host, int port) {
}
