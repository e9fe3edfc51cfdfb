package io.sluice.connect.runtime;

import io.sluice.connect.runtime.isolation.Plugins;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.ConverterConfig;
import org.apache.kafka.connect.storage.ConverterType;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's key, value and header converters. Each comes from the connector's config when it names one
 * ({@code key.converter}, ...) and from the worker's otherwise, configured with the {@code <key>.*} settings of
 * whichever config named it (e.g. {@code value.converter.schemas.enable}), instantiated through {@link Plugins} in the
 * connector's loader and configured with that loader as the thread context loader.
 *
 * <p>Threading: a task's converters are used by its thread only.
 */
record RecordConverters(Converter key, Converter value, HeaderConverter header) implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecordConverters.class);

    static RecordConverters build(WorkerConfig worker, ConnectorConfig connector, Plugins plugins,
                                  ClassLoader connectorLoader) {
        ClassLoader previous = Plugins.swapLoader(connectorLoader);
        try {
            Converter key = plugins.newConverter(className(worker, connector, WorkerConfig.KEY_CONVERTER),
                connectorLoader);
            key.configure(props(worker, connector, WorkerConfig.KEY_CONVERTER, ConverterType.KEY), true);
            Converter value = plugins.newConverter(className(worker, connector, WorkerConfig.VALUE_CONVERTER),
                connectorLoader);
            value.configure(props(worker, connector, WorkerConfig.VALUE_CONVERTER, ConverterType.VALUE), false);
            HeaderConverter header = plugins.newHeaderConverter(
                className(worker, connector, WorkerConfig.HEADER_CONVERTER), connectorLoader);
            header.configure(props(worker, connector, WorkerConfig.HEADER_CONVERTER, ConverterType.HEADER));
            return new RecordConverters(key, value, header);
        } catch (RuntimeException e) {
            throw new ConnectException("Cannot create the converters of connector '" + connector.name() + "': "
                + e.getMessage(), e);
        } finally {
            Plugins.swapLoader(previous);
        }
    }

    private static String className(WorkerConfig worker, ConnectorConfig connector, String key) {
        String own = connector.getString(key);
        return own != null && !own.isBlank() ? own.trim() : worker.getString(key);
    }

    private static Map<String, Object> props(WorkerConfig worker, ConnectorConfig connector, String key,
                                             ConverterType type) {
        String own = connector.getString(key);
        AbstractConfig source = own != null && !own.isBlank() ? connector : worker;
        Map<String, Object> props = new HashMap<>(source.originalsWithPrefix(key + "."));
        props.put(ConverterConfig.TYPE_CONFIG, type.getName());
        return props;
    }

    @Override
    public void close() {
        closeQuietly(key);
        closeQuietly(value);
        closeQuietly(header);
    }

    private static void closeQuietly(java.io.Closeable converter) {
        try {
            converter.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Failed to close converter {}", converter.getClass().getName(), e);
        }
    }
}
