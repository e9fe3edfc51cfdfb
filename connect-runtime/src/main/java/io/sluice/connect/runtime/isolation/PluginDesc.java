package io.sluice.connect.runtime.isolation;

import io.sluice.connect.runtime.rest.entities.PluginInfo;

/**
 * One plugin class found by a scan: its kind, version, where it came from and the loader that defined it (a
 * {@link PluginClassLoader}, or the worker's own loader for the class path).
 */
record PluginDesc(Class<?> pluginClass, PluginType type, String version, String location, ClassLoader loader) {

    static final String UNDEFINED_VERSION = "undefined";

    String className() {
        return pluginClass.getName();
    }

    PluginInfo info() {
        return new PluginInfo(className(), type.typeName(), version);
    }

    @Override
    public String toString() {
        return className() + " (" + type.typeName() + " " + version + ")";
    }
}
