package io.sluice.connect.runtime.isolation;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.apache.kafka.connect.components.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the plugin classes one loader defines, in two ways, and describes each with its version:
 * <ol>
 *   <li>{@link ServiceLoader} manifests ({@code META-INF/services/<interface>}, which Kafka 3.6+ plugins ship per
 *       KIP-898): cheap, and the only way used for the worker's own class path, whose jars (netty, jackson,
 *       kafka-clients...) are too large to open class by class at every start;</li>
 *   <li>for a plugin under {@code plugin.path}, additionally every {@code .class} entry of its jars and class
 *       directories, so plugins built before manifests existed are still found.</li>
 * </ol>
 * A plugin class is public, concrete, has a public no-argument constructor, is defined by the scanned loader itself
 * (a class the plugin merely sees through its parent is not the plugin's) and extends a {@link PluginType}'s
 * interface. Classes that fail to load (a missing optional dependency, say) are skipped with a debug line.
 *
 * <p>Version: {@code Versioned.version()} on a fresh instance, created with the plugin's loader as the thread context
 * loader; else the jar manifest's {@code Implementation-Version}; else {@value PluginDesc#UNDEFINED_VERSION}.
 *
 * <p>Stateless; safe from any thread.
 */
final class PluginScanner {

    private static final Logger log = LoggerFactory.getLogger(PluginScanner.class);

    private PluginScanner() { }

    /** Plugins declared by ServiceLoader manifests visible to {@code loader} and defined by it. */
    static List<PluginDesc> scanServiceManifests(ClassLoader loader, String location) {
        Set<Class<?>> found = new LinkedHashSet<>();
        for (PluginType type : PluginType.values()) {
            try {
                ServiceLoader.load(type.superType(), loader).stream().forEach(provider -> {
                    try {
                        found.add(provider.type());
                    } catch (ServiceConfigurationError | LinkageError e) {
                        log.warn("Skipping a {} listed in a service manifest of {}: {}", type.typeName(), location,
                                e.toString());
                    }
                });
            } catch (ServiceConfigurationError e) {
                log.warn("Skipping a {} service manifest of {}: {}", type.typeName(), location, e.toString());
            }
        }
        return describeAll(found, loader, location);
    }

    /** Plugins of one {@code plugin.path} plugin: its service manifests plus every class in its class path. */
    static List<PluginDesc> scanPlugin(PluginClassLoader loader, PluginLocation plugin) {
        Set<Class<?>> found = new LinkedHashSet<>();
        scanServiceManifests(loader, loader.location()).forEach(d -> found.add(d.pluginClass()));
        for (String className : classNames(plugin)) {
            try {
                found.add(Class.forName(className, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                log.debug("Not a loadable class in plugin {}: {}: {}", plugin.location(), className, e.toString());
            }
        }
        return describeAll(found, loader, loader.location());
    }

    private static List<PluginDesc> describeAll(Set<Class<?>> classes, ClassLoader loader, String location) {
        List<PluginDesc> descs = new ArrayList<>();
        for (Class<?> cls : classes) {
            if (cls.getClassLoader() != loader || !isInstantiable(cls)) {
                continue;
            }
            for (PluginType type : PluginType.values()) {
                if (type.superType().isAssignableFrom(cls)) {
                    descs.add(new PluginDesc(cls, type, version(cls), location, loader));
                }
            }
        }
        return descs;
    }

    private static boolean isInstantiable(Class<?> cls) {
        int modifiers = cls.getModifiers();
        if (!Modifier.isPublic(modifiers) || Modifier.isAbstract(modifiers) || cls.isInterface()) {
            return false;
        }
        try {
            return Modifier.isPublic(cls.getConstructor().getModifiers());
        } catch (NoSuchMethodException | LinkageError e) {
            return false;
        }
    }

    private static String version(Class<?> cls) {
        String version = null;
        if (Versioned.class.isAssignableFrom(cls)) {
            ClassLoader previous = Plugins.swapLoader(cls.getClassLoader());
            try {
                version = ((Versioned) cls.getConstructor().newInstance()).version();
            } catch (Exception | LinkageError e) {
                // Plugins built against an older API may not implement version(); the manifest may still say.
                log.debug("{}.version() failed, falling back to the jar manifest: {}", cls.getName(), e.toString());
            } finally {
                Plugins.swapLoader(previous);
            }
        }
        if (isBlank(version) && cls.getPackage() != null) {
            version = cls.getPackage().getImplementationVersion();
        }
        return isBlank(version) ? PluginDesc.UNDEFINED_VERSION : version;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static List<String> classNames(PluginLocation plugin) {
        List<String> names = new ArrayList<>();
        for (Path entry : plugin.classPath()) {
            if (Files.isDirectory(entry)) {
                namesInDirectory(entry, names);
            } else {
                namesInJar(entry, names);
            }
        }
        return names;
    }

    private static void namesInJar(Path jar, List<String> names) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                addIfClass(entries.nextElement().getName(), names);
            }
        } catch (IOException e) {
            log.warn("Could not list classes of plugin jar {}: {}", jar, e.toString());
        }
    }

    private static void namesInDirectory(Path dir, List<String> names) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile)
                    .forEach(f -> addIfClass(dir.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/"),
                            names));
        } catch (IOException e) {
            log.warn("Could not list classes of plugin directory {}: {}", dir, e.toString());
        }
    }

    private static void addIfClass(String entryName, List<String> names) {
        if (!entryName.endsWith(".class") || entryName.startsWith("META-INF/")
                || entryName.endsWith("module-info.class") || entryName.endsWith("package-info.class")) {
            return;
        }
        names.add(entryName.substring(0, entryName.length() - ".class".length()).replace('/', '.'));
    }
}
