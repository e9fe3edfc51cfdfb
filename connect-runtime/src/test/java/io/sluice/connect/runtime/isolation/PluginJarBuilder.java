package io.sluice.connect.runtime.isolation;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Connector;

/**
 * Builds a plugin jar at test time: compiles Java sources with the JDK's compiler against the Connect API,
 * kafka-clients and any earlier-built jars, then writes the classes, ServiceLoader manifests and an optional
 * Implementation-Version into a jar. Lets isolation tests use real, separately compiled plugins without checking
 * binaries into the repository.
 */
final class PluginJarBuilder {

    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, List<String>> services = new LinkedHashMap<>();
    private final List<Path> compileClassPath = new ArrayList<>(List.of(jarOf(Connector.class), jarOf(ConfigDef.class)));
    private String implementationVersion;

    /** Adds a compilation unit; {@code className} is its fully qualified top-level class name. */
    PluginJarBuilder source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /** Lists {@code implementation} in {@code META-INF/services/<serviceInterface>}. */
    PluginJarBuilder service(Class<?> serviceInterface, String implementation) {
        services.computeIfAbsent(serviceInterface.getName(), k -> new ArrayList<>()).add(implementation);
        return this;
    }

    /** Compiles against a jar built earlier (a library the plugin bundles separately). */
    PluginJarBuilder compileAgainst(Path jar) {
        compileClassPath.add(jar);
        return this;
    }

    PluginJarBuilder implementationVersion(String version) {
        this.implementationVersion = version;
        return this;
    }

    /** Compiles and writes the jar to {@code jar} (parent directories created); returns {@code jar}. */
    Path build(Path jar) throws IOException {
        Path classes = Files.createTempDirectory("plugin-classes");
        compile(classes);
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (implementationVersion != null) {
            manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, implementationVersion);
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
            for (Map.Entry<String, List<String>> service : services.entrySet()) {
                out.putNextEntry(new JarEntry("META-INF/services/" + service.getKey()));
                writeLines(out, service.getValue());
                out.closeEntry();
            }
        }
        return jar;
    }

    private void compile(Path classes) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
            files.setLocationFromPaths(StandardLocation.CLASS_PATH, compileClassPath);
            List<JavaFileObject> units = sources.entrySet().stream()
                    .<JavaFileObject>map(e -> new InMemorySource(e.getKey(), e.getValue())).toList();
            StringWriter diagnostics = new StringWriter();
            boolean ok = compiler.getTask(diagnostics, files, null, List.of("--release", "17"), null, units).call();
            if (!ok) {
                throw new IllegalStateException("Test plugin sources did not compile: " + diagnostics);
            }
        }
    }

    private static void writeLines(OutputStream out, List<String> lines) throws IOException {
        out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static Path jarOf(Class<?> cls) {
        try {
            return Path.of(cls.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException("No file location for " + cls, e));
        }
    }

    private static final class InMemorySource extends SimpleJavaFileObject {
        private final String code;

        InMemorySource(String className, String code) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
