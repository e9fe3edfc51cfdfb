package io.sluice.connect.runtime;

import io.sluice.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * One configured transformation with its optional predicate: it applies when there is no predicate, or when the
 * predicate's result differs from {@code negate} (so {@code negate=true} applies it to records that do not match).
 * Plugin calls run with the plugin's class loader as the thread context loader.
 *
 * <p>Threading: used by one task thread.
 */
final class TransformationStage<R extends ConnectRecord<R>> implements AutoCloseable {
    private final String alias;
    private final Transformation<R> transformation;
    private final Predicate<R> predicate;
    private final boolean negate;

    TransformationStage(String alias, Transformation<R> transformation, Predicate<R> predicate, boolean negate) {
        this.alias = alias;
        this.transformation = transformation;
        this.predicate = predicate;
        this.negate = negate;
    }

    String alias() {
        return alias;
    }

    Class<?> transformationClass() {
        return transformation.getClass();
    }

    /** @return the transformed record, the record unchanged when the predicate says so, or null to drop it */
    R apply(R record) {
        ClassLoader previous = Plugins.swapLoader(transformation.getClass().getClassLoader());
        try {
            if (predicate != null && predicate.test(record) == negate) {
                return record;
            }
            return transformation.apply(record);
        } finally {
            Plugins.swapLoader(previous);
        }
    }

    /** Closes the transformation; predicates are shared between stages and closed by the chain. */
    @Override
    public void close() {
        transformation.close();
    }
}
