package io.sluice.connect.runtime.isolation;

import java.util.List;

/**
 * Which class names a {@link PluginClassLoader} asks its parent for before looking in the plugin itself.
 *
 * <p>These are the classes a plugin and the worker must share as the very same {@code Class} objects: the JDK, the
 * Connect API (the worker hands plugins a {@code SourceTaskContext}, plugins hand back {@code SourceRecord}s), the
 * kafka-clients types in those signatures, and the logging facade (so a plugin's logs reach the worker's backend).
 * Everything else, including connect-json and connect-transforms classes that a plugin bundles, loads from the plugin
 * first, which is what lets two plugins carry conflicting versions of one library.
 *
 * <p>Stateless; safe from any thread.
 */
final class ParentFirstClasses {

    private static final List<String> JDK_PREFIXES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "org.w3c.",
            "org.xml.", "org.ietf.");

    private static final List<String> SHARED_PREFIXES = List.of("org.slf4j.", "org.apache.kafka.common.",
            "org.apache.kafka.clients.");

    private static final String CONNECT = "org.apache.kafka.connect.";

    /** Connect API packages (connect-api's own jar); their sub-packages are API too (connector.policy). */
    private static final List<String> CONNECT_API_PACKAGES = List.of("connector", "data", "errors", "header", "health",
            "sink", "source", "storage", "util", "components", "rest");

    /**
     * From the transforms packages only the two interfaces are API; the implementations (connect-transforms) may be
     * bundled by a plugin and then load from it.
     */
    private static final List<String> CONNECT_API_CLASSES = List.of(CONNECT + "transforms.Transformation",
            CONNECT + "transforms.predicates.Predicate");

    private ParentFirstClasses() { }

    /** True when {@code className} (binary name, e.g. {@code a.b.C$D}) must come from the parent loader when it has it. */
    static boolean isParentFirst(String className) {
        if (startsWithAny(className, JDK_PREFIXES) || startsWithAny(className, SHARED_PREFIXES)) {
            return true;
        }
        if (!className.startsWith(CONNECT)) {
            return false;
        }
        for (String apiClass : CONNECT_API_CLASSES) {
            if (className.equals(apiClass) || className.startsWith(apiClass + "$")) {
                return true;
            }
        }
        String rest = className.substring(CONNECT.length());
        for (String apiPackage : CONNECT_API_PACKAGES) {
            if (rest.startsWith(apiPackage + ".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithAny(String name, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
