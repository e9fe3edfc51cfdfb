package io.sluice.connect.runtime;

import io.sluice.connect.runtime.errors.RetryWithToleranceOperator;
import java.util.function.Consumer;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.connector.ConnectRecord;

/**
 * What every task gets from the worker besides its plugin instance and clients: the connector's loader, converters,
 * transformation chain and error policy, where to report state changes and the topics it touches. The task owns
 * (and closes) the converters, chain and operator.
 *
 * @param activeTopics called with each topic the task produces to or consumes from
 */
record TaskResources<R extends ConnectRecord<R>>(WorkerConfig workerConfig, StatusListener statusListener,
                                                  ClassLoader loader, Herder.TargetState initialState,
                                                  RecordConverters converters, TransformationChain<R> transforms,
                                                  RetryWithToleranceOperator operator, Consumer<String> activeTopics,
                                                  PluginMetrics pluginMetrics) { }
