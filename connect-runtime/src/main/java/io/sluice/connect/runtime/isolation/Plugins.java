package io.sluice.connect.runtime.isolation;

import io.sluice.connect.runtime.rest.entities.PluginInfo;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds Connect plugins (connectors, converters, header converters, transformations, predicates) on the worker's
 * class path and under {@code plugin.path}, and instantiates them, each in its own class loader.
 *
 * <p>The scan runs once, in the constructor: the class path through ServiceLoader manifests, each
 * {@code plugin.path} plugin (see {@link PluginLocations} for the layout) through its manifests and its class files,
 * in a {@link PluginClassLoader} of its own. What each location holds is logged at INFO.
 *
 * <p>Names: a plugin is named by its fully qualified class name or by an alias ({@link PluginRegistry}). A fully
 * qualified class on the worker's class path is accepted even when it ships no ServiceLoader manifest (it is just not
 * listed by {@link #plugins}). Converters, header converters, transformations and predicates named in a connector's
 * config resolve in that connector's loader first, so a plugin's bundled converter wins over the worker's, then
 * among all known plugins.
 *
 * <p>Every call into plugin code made here (constructors, {@code config()}) runs with the plugin's loader as the
 * thread context loader; callers do the same around their own plugin calls with {@link #swapLoader}.
 *
 * <p>Threading: immutable after construction; every method is safe from any thread.
 */
public final class Plugins {

    private static final Logger log = LoggerFactory.getLogger(Plugins.class);

    private static final String CLASS_PATH_LOCATION = "classpath";
    private static final Set<PluginType> CONNECTORS = EnumSet.of(PluginType.SOURCE, PluginType.SINK);

    private final ClassLoader workerLoader = Plugins.class.getClassLoader();
    private final PluginRegistry registry;

    /** Scans the class path and every entry of {@code pluginPath} (may be empty). Never fails on a bad plugin. */
    public Plugins(List<Path> pluginPath) {
        List<PluginDesc> found = new ArrayList<>(PluginScanner.scanServiceManifests(workerLoader, CLASS_PATH_LOCATION));
        // The class path carries all of connect-json and connect-transforms: counts at INFO, the list at DEBUG.
        log.info("Class path plugins: {}", countByType(found));
        log.debug("Class path plugins: {}", describe(found));
        for (PluginLocation location : PluginLocations.list(pluginPath)) {
            PluginClassLoader loader = new PluginClassLoader(location.location().toString(), urls(location),
                    workerLoader);
            List<PluginDesc> descs = PluginScanner.scanPlugin(loader, location);
            if (descs.isEmpty()) {
                log.warn("Plugin {} holds no connectors, converters, transformations or predicates",
                        location.location());
            } else {
                log.info("Plugin {}: {}", location.location(), describe(descs));
            }
            found.addAll(descs);
        }
        registry = new PluginRegistry(found);
    }

    /** A new, uninitialized connector. @throws PluginNotFoundException when no connector has that name */
    public Connector newConnector(String classOrAlias) {
        return newInstance(connectorClass(classOrAlias), "connector");
    }

    /** The loader that defined the connector class: set it as the thread context loader around calls into it. */
    public ClassLoader connectorLoader(String classOrAlias) {
        return connectorClass(classOrAlias).getClassLoader();
    }

    /** The connector's own config definition, from a fresh instance. */
    public ConfigDef connectorConfigDef(String classOrAlias) {
        Connector connector = newConnector(classOrAlias);
        ClassLoader previous = swapLoader(connector.getClass().getClassLoader());
        try {
            return connector.config();
        } finally {
            swapLoader(previous);
        }
    }

    public Converter newConverter(String className, ClassLoader connectorLoader) {
        return newInstance(componentClass(className, connectorLoader, PluginType.CONVERTER), "converter");
    }

    public HeaderConverter newHeaderConverter(String className, ClassLoader connectorLoader) {
        return newInstance(componentClass(className, connectorLoader, PluginType.HEADER_CONVERTER), "header converter");
    }

    @SuppressWarnings("unchecked") // the record type of a transformation is not checkable at run time
    public <R extends ConnectRecord<R>> Transformation<R> newTransformation(String className, ClassLoader connectorLoader) {
        return newInstance(componentClass(className, connectorLoader, PluginType.TRANSFORMATION), "transformation");
    }

    @SuppressWarnings("unchecked") // the record type of a predicate is not checkable at run time
    public <R extends ConnectRecord<R>> Predicate<R> newPredicate(String className, ClassLoader connectorLoader) {
        return newInstance(componentClass(className, connectorLoader, PluginType.PREDICATE), "predicate");
    }

    /** Known plugins as the REST API lists them: connectors only, or every kind; ordered by kind then class name. */
    public List<PluginInfo> plugins(boolean connectorsOnly) {
        Set<PluginType> types = connectorsOnly ? CONNECTORS : EnumSet.allOf(PluginType.class);
        return registry.all(types).stream().map(PluginDesc::info).toList();
    }

    /** Sets the current thread's context class loader; returns the previous one, to restore in a finally block. */
    public static ClassLoader swapLoader(ClassLoader loader) {
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(loader);
        return previous;
    }

    private Class<?> connectorClass(String classOrAlias) {
        return registry.find(classOrAlias, CONNECTORS).<Class<?>>map(PluginDesc::pluginClass)
                .or(() -> classPathClass(classOrAlias, workerLoader, Connector.class))
                .orElseThrow(() -> notFound(classOrAlias, "Connector", CONNECTORS));
    }

    /** In the connector's loader (its bundled copy, else the worker's class path), else any plugin by name or alias. */
    private Class<?> componentClass(String classOrAlias, ClassLoader connectorLoader, PluginType type) {
        ClassLoader first = connectorLoader == null ? workerLoader : connectorLoader;
        Set<PluginType> types = EnumSet.of(type);
        return classPathClass(classOrAlias, first, type.superType())
                .or(() -> registry.find(classOrAlias, types).map(PluginDesc::pluginClass))
                .orElseThrow(() -> notFound(classOrAlias, kindLabel(type), types));
    }

    /** The named class through {@code loader}, if it exists; a class of the wrong kind is an error naming both. */
    private static Optional<Class<?>> classPathClass(String className, ClassLoader loader, Class<?> superType) {
        Class<?> cls;
        try {
            cls = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError notThere) {
            return Optional.empty();
        }
        if (!superType.isAssignableFrom(cls)) {
            throw new ConnectException("Class '" + className + "' is not a " + superType.getSimpleName()
                    + " (it was found in " + loader + ")");
        }
        return Optional.of(cls);
    }

    private PluginNotFoundException notFound(String classOrAlias, String kind, Set<PluginType> types) {
        return new PluginNotFoundException(classOrAlias, kind, registry.similar(classOrAlias, types));
    }

    @SuppressWarnings("unchecked") // callers pass classes already checked against the type they expect
    private static <T> T newInstance(Class<?> cls, String kind) {
        ClassLoader previous = swapLoader(cls.getClassLoader());
        try {
            return (T) cls.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new ConnectException("The constructor of " + kind + " " + cls.getName() + " threw "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ConnectException("Could not instantiate " + kind + " " + cls.getName()
                    + " (a plugin needs a public no-argument constructor): " + e, e);
        } finally {
            swapLoader(previous);
        }
    }

    private static String kindLabel(PluginType type) {
        return switch (type) {
            case SOURCE, SINK -> "Connector";
            case CONVERTER -> "Converter";
            case HEADER_CONVERTER -> "Header converter";
            case TRANSFORMATION -> "Transformation";
            case PREDICATE -> "Predicate";
        };
    }

    private static URL[] urls(PluginLocation location) {
        List<URL> urls = new ArrayList<>();
        for (Path entry : location.classPath()) {
            try {
                urls.add(entry.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalStateException("A file path always converts to a URL: " + entry, e);
            }
        }
        return urls.toArray(URL[]::new);
    }

    private static String countByType(List<PluginDesc> descs) {
        return descs.stream().collect(Collectors.groupingBy(PluginDesc::type, () -> new EnumMap<>(PluginType.class),
                Collectors.counting())).entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().typeName()).collect(Collectors.joining(", "));
    }

    private static String describe(List<PluginDesc> descs) {
        return descs.isEmpty() ? "none" : descs.stream().map(PluginDesc::toString).collect(Collectors.joining(", "));
    }
}
