package io.sluice.connect.runtime.isolation;

import java.util.Locale;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * The kinds of plugin the worker loads, each with the Connect API interface that defines it and the lower-case name
 * Kafka Connect's REST API uses for it ({@code GET /connector-plugins}).
 *
 * <p>A class may be of several kinds at once (a class implementing both {@link Converter} and
 * {@link HeaderConverter} is listed twice, as Kafka Connect does).
 */
public enum PluginType {
    SOURCE(SourceConnector.class),
    SINK(SinkConnector.class),
    CONVERTER(Converter.class),
    HEADER_CONVERTER(HeaderConverter.class),
    TRANSFORMATION(Transformation.class),
    PREDICATE(Predicate.class);

    private final Class<?> superType;

    PluginType(Class<?> superType) {
        this.superType = superType;
    }

    /** The Connect API interface or abstract class a plugin of this kind extends. */
    public Class<?> superType() {
        return superType;
    }

    /** The name in REST payloads: source, sink, converter, header_converter, transformation, predicate. */
    public String typeName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isConnector() {
        return this == SOURCE || this == SINK;
    }

    /** The suffix dropped from a simple class name to form its short alias ("FileStreamSourceConnector" -> "FileStreamSource"). */
    String aliasSuffix() {
        return switch (this) {
            case SOURCE, SINK -> "Connector";
            case CONVERTER -> "Converter";
            case HEADER_CONVERTER -> "HeaderConverter";
            case TRANSFORMATION -> "Transformation";
            case PREDICATE -> "Predicate";
        };
    }
}
