package io.sluice.connect.runtime.isolation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns {@code plugin.path} entries into plugins, with Kafka Connect's layout rules (KIP-146):
 * <ul>
 *   <li>an entry that is a jar (or zip) is one plugin;</li>
 *   <li>an entry that is a directory holds plugins as its children: each child directory is one plugin made of the
 *       jars found anywhere below it plus the directory itself as a root of loose classes, and each child jar is a
 *       plugin on its own; other files are ignored.</li>
 * </ul>
 * A missing entry, an unreadable jar or a plugin directory without jars or classes is logged with its path and
 * skipped: one bad plugin never stops the worker from loading the others.
 *
 * <p>Stateless; safe from any thread. Children are listed in name order so the result is deterministic.
 */
final class PluginLocations {

    private static final Logger log = LoggerFactory.getLogger(PluginLocations.class);

    private PluginLocations() { }

    static List<PluginLocation> list(List<Path> pluginPath) {
        List<PluginLocation> plugins = new ArrayList<>();
        for (Path entry : pluginPath) {
            Path absolute = entry.toAbsolutePath().normalize();
            if (Files.isDirectory(absolute)) {
                for (Path child : sortedChildren(absolute)) {
                    if (Files.isDirectory(child)) {
                        directoryPlugin(child, plugins);
                    } else if (isArchive(child)) {
                        archivePlugin(child, plugins);
                    } else {
                        log.debug("Ignoring {}: a plugin.path child is a plugin directory or a jar", child);
                    }
                }
            } else if (isArchive(absolute) && Files.isRegularFile(absolute)) {
                archivePlugin(absolute, plugins);
            } else {
                log.warn("Skipping plugin.path entry {}: it is neither a directory nor a jar", absolute);
            }
        }
        return plugins;
    }

    private static void archivePlugin(Path jar, List<PluginLocation> plugins) {
        if (isReadableArchive(jar)) {
            plugins.add(new PluginLocation(jar, List.of(jar)));
        }
    }

    private static void directoryPlugin(Path dir, List<PluginLocation> plugins) {
        List<Path> classPath = new ArrayList<>();
        boolean hasLooseClasses;
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> regular = files.filter(Files::isRegularFile).sorted().toList();
            hasLooseClasses = regular.stream().anyMatch(f -> f.getFileName().toString().endsWith(".class"));
            regular.stream().filter(PluginLocations::isArchive).filter(PluginLocations::isReadableArchive)
                    .forEach(classPath::add);
        } catch (IOException | UncheckedIOException e) {
            log.warn("Skipping plugin directory {}: it could not be listed: {}", dir, e.toString());
            return;
        }
        if (hasLooseClasses) {
            classPath.add(0, dir);
        }
        if (classPath.isEmpty()) {
            log.warn("Skipping plugin directory {}: it holds no jars and no classes", dir);
            return;
        }
        plugins.add(new PluginLocation(dir, classPath));
    }

    private static List<Path> sortedChildren(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.sorted().toList();
        } catch (IOException e) {
            log.warn("Skipping plugin.path entry {}: it could not be listed: {}", dir, e.toString());
            return List.of();
        }
    }

    private static boolean isArchive(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jar") || name.endsWith(".zip");
    }

    /** Opens the archive once so a corrupt or unreadable jar is reported here, by path, and never reaches a loader. */
    private static boolean isReadableArchive(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            // Reading the entry list forces the central directory to be parsed: a truncated jar fails here.
            return file.size() >= 0;
        } catch (IOException | SecurityException e) {
            log.warn("Skipping unreadable plugin jar {}: {}", jar, e.toString());
            return false;
        }
    }
}
