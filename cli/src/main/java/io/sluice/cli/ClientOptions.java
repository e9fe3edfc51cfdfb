package io.sluice.cli;

import picocli.CommandLine.Option;

/** The options every client command shares. */
final class ClientOptions {
    static final String DEFAULT_BOOTSTRAP = "localhost:9092";

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
        description = "Broker to connect to. Default: ${DEFAULT-VALUE}")
    String bootstrapServer = DEFAULT_BOOTSTRAP;
}
