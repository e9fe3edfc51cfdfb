package io.sluice.connect.datagen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The Maven version of this plugin, written into {@code version.properties} by resource filtering at build time. */
final class PluginVersion {

    static final String VERSION = load();

    private PluginVersion() {
    }

    private static String load() {
        try (InputStream in = PluginVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the datagen connector's jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the datagen connector's version.properties", e);
        }
    }
}
