package io.sluice.connect.runtime.isolation;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;

/**
 * The class loader of one plugin (one directory or jar under {@code plugin.path}): child-first for the plugin's own
 * classes and the libraries it bundles, parent-first for the classes the plugin shares with the worker
 * ({@link ParentFirstClasses}).
 *
 * <p>Child-first: a class the plugin carries is defined by this loader even when the worker's class path has a class
 * of the same name, so each plugin sees its own version of a library. Parent-first: the Connect API, kafka-clients,
 * slf4j and the JDK come from the worker so that objects crossing the boundary have the same {@code Class}. When the
 * parent lacks a parent-first class (say a {@code javax.} library that is not part of the JDK) the plugin's copy is
 * used rather than failing.
 *
 * <p>Resources follow the same order; {@link #getResources} lists the plugin's resources before the parent's, so a
 * {@link java.util.ServiceLoader} over this loader sees both and callers keep only the classes this loader defined.
 *
 * <p>Threading: registered as parallel capable; {@link #loadClass(String, boolean)} locks per class name.
 */
public final class PluginClassLoader extends URLClassLoader {

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final String location;

    /**
     * @param location what the plugin was loaded from (a directory or jar path), for logs and error messages
     * @param urls     the plugin's jars and class directories
     * @param parent   the worker's loader, which has the Connect API and kafka-clients
     */
    public PluginClassLoader(String location, URL[] urls, ClassLoader parent) {
        super("plugin:" + location, urls, Objects.requireNonNull(parent, "parent"));
        this.location = location;
    }

    /** The plugin directory or jar this loader reads from. */
    public String location() {
        return location;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = ParentFirstClasses.isParentFirst(name) ? parentThenSelf(name) : selfThenParent(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private Class<?> parentThenSelf(String name) throws ClassNotFoundException {
        try {
            return getParent().loadClass(name);
        } catch (ClassNotFoundException notInParent) {
            return findClass(name);
        }
    }

    private Class<?> selfThenParent(String name) throws ClassNotFoundException {
        try {
            return findClass(name);
        } catch (ClassNotFoundException notInPlugin) {
            return getParent().loadClass(name);
        }
    }

    @Override
    public URL getResource(String name) {
        if (isParentFirstResource(name)) {
            URL fromParent = getParent().getResource(name);
            return fromParent != null ? fromParent : findResource(name);
        }
        URL own = findResource(name);
        return own != null ? own : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
        all.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(all);
    }

    private static boolean isParentFirstResource(String name) {
        return name.endsWith(".class")
                && ParentFirstClasses.isParentFirst(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
    }

    @Override
    public String toString() {
        return "PluginClassLoader{" + location + "}";
    }
}
