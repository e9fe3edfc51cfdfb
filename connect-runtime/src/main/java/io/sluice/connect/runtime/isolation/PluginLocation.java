package io.sluice.connect.runtime.isolation;

import java.nio.file.Path;
import java.util.List;

/**
 * One plugin as laid out under {@code plugin.path}: where it is, and the jars and class directories that make up
 * its class path (all readable; unreadable jars were dropped with a log line when the location was listed).
 */
record PluginLocation(Path location, List<Path> classPath) {

    PluginLocation {
        classPath = List.copyOf(classPath);
    }
}
