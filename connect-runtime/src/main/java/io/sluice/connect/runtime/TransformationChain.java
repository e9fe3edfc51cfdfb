package io.sluice.connect.runtime;

import io.sluice.connect.runtime.errors.FailedRecord;
import io.sluice.connect.runtime.errors.RetryWithToleranceOperator;
import io.sluice.connect.runtime.errors.Stage;
import io.sluice.connect.runtime.isolation.Plugins;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * A connector's {@code transforms}, in order, each step run under the task's error policy (stage
 * TRANSFORMATION). A record dropped by a transformation (null) or by a tolerated failure ends the chain.
 *
 * <p>Built from the config by {@link #build}: every transformation and predicate is instantiated through
 * {@link Plugins} in the connector's loader and configured with its {@code transforms.<alias>.*} keys; predicates
 * are shared by the transformations that name them. Threading: one chain per task, used by its thread.
 */
final class TransformationChain<R extends ConnectRecord<R>> implements AutoCloseable {
    private final List<TransformationStage<R>> stages;
    private final List<Predicate<R>> predicates;

    private TransformationChain(List<TransformationStage<R>> stages, List<Predicate<R>> predicates) {
        this.stages = stages;
        this.predicates = predicates;
    }

    static <R extends ConnectRecord<R>> TransformationChain<R> build(ConnectorConfig config, Plugins plugins,
                                                                     ClassLoader connectorLoader) {
        Map<String, Predicate<R>> predicates = new HashMap<>();
        List<TransformationStage<R>> stages = new ArrayList<>();
        ClassLoader previous = Plugins.swapLoader(connectorLoader);
        try {
            for (String alias : config.transformAliases()) {
                String prefix = ConnectorConfig.TRANSFORMS_PREFIX + alias + ".";
                Map<String, Object> props = config.pluginProps(prefix);
                Transformation<R> transformation = plugins.newTransformation(
                    required(props, prefix + ConnectorConfig.TYPE_SUFFIX), connectorLoader);
                configure(transformation, props, prefix);
                Object predicateAlias = props.get(ConnectorConfig.PREDICATE_SUFFIX);
                Predicate<R> predicate = null;
                if (predicateAlias != null && !predicateAlias.toString().isBlank()) {
                    predicate = predicates.computeIfAbsent(predicateAlias.toString(),
                        name -> newPredicate(config, plugins, connectorLoader, name));
                }
                boolean negate = Boolean.parseBoolean(String.valueOf(props.get(ConnectorConfig.NEGATE_SUFFIX)));
                stages.add(new TransformationStage<>(alias, transformation, predicate, negate));
            }
        } finally {
            Plugins.swapLoader(previous);
        }
        return new TransformationChain<>(stages, List.copyOf(predicates.values()));
    }

    private static <R extends ConnectRecord<R>> Predicate<R> newPredicate(ConnectorConfig config, Plugins plugins,
                                                                       ClassLoader loader, String alias) {
        String prefix = ConnectorConfig.PREDICATES_PREFIX + alias + ".";
        Map<String, Object> props = config.pluginProps(prefix);
        Predicate<R> predicate = plugins.newPredicate(required(props, prefix + ConnectorConfig.TYPE_SUFFIX), loader);
        ClassLoader previous = Plugins.swapLoader(predicate.getClass().getClassLoader());
        try {
            predicate.configure(props);
        } catch (RuntimeException e) {
            throw new ConnectException("Invalid config for predicate '" + alias + "' (" + prefix + "*): "
                + e.getMessage(), e);
        } finally {
            Plugins.swapLoader(previous);
        }
        return predicate;
    }

    private static void configure(Transformation<?> transformation, Map<String, Object> props, String prefix) {
        ClassLoader previous = Plugins.swapLoader(transformation.getClass().getClassLoader());
        try {
            transformation.configure(props);
        } catch (RuntimeException e) {
            throw new ConnectException("Invalid config for transformation " + prefix + "*: " + e.getMessage(), e);
        } finally {
            Plugins.swapLoader(previous);
        }
    }

    private static String required(Map<String, Object> props, String key) {
        Object value = props.get(ConnectorConfig.TYPE_SUFFIX);
        if (value == null || value.toString().isBlank()) {
            throw new ConnectException("Missing required config '" + key + "'");
        }
        return value.toString();
    }

    /**
     * @param failed the record as error reporters should see it, built only if a step fails
     * @return the transformed record, or null when a transformation dropped it or its failure was tolerated
     */
    R apply(R record, RetryWithToleranceOperator operator, Supplier<FailedRecord> failed) {
        R current = record;
        for (TransformationStage<R> stage : stages) {
            R input = current;
            current = operator.execute(() -> stage.apply(input), Stage.TRANSFORMATION, stage.transformationClass(),
                failed);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    @Override
    public void close() {
        stages.forEach(TransformationStage::close);
        predicates.forEach(Predicate::close);
    }
}
