package io.sluice.connect.runtime;

/**
 * How a running connector asks for its task configs to be re-read ({@code ConnectorContext.requestTaskReconfiguration}),
 * e.g. after it discovered new input; the herder implements it by calling {@link Worker#connectorTaskConfigs} and
 * restarting the tasks whose configs changed. Called from connector threads; must not block.
 */
@FunctionalInterface
public interface ConnectorReconfigurationListener {

    void requestTaskReconfiguration(String connector);
}
