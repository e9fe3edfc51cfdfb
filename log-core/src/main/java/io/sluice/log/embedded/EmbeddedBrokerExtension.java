package io.sluice.log.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts one {@link EmbeddedBroker} per test class, on a fresh temporary data directory
 * and a free port, and closes it (deleting the directory) after the class's last test.
 *
 * <p>Declarative use, the broker injected into any test, lifecycle method or constructor parameter:
 * <pre>{@code
 * @ExtendWith(EmbeddedBrokerExtension.class)
 * class MyIT {
 *     @Test void roundTrip(EmbeddedBroker broker) { props.put("bootstrap.servers", broker.bootstrapServers()); }
 * }
 * }</pre>
 * Programmatic use, with broker overrides (Kafka server.properties names):
 * <pre>{@code
 * @RegisterExtension
 * static final EmbeddedBrokerExtension BROKER = new EmbeddedBrokerExtension().with("num.partitions", 3);
 * }</pre>
 *
 * <p>Threading: JUnit calls the callbacks on its own thread; the broker itself is thread-safe. Tests of one
 * class share the broker, so they should use distinct topic names.
 */
public final class EmbeddedBrokerExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
        ExtensionContext.Namespace.create(EmbeddedBrokerExtension.class);

    private final Map<String, Object> overrides = new HashMap<>();
    /** The broker last handed out, for {@link #broker()}; classes run one after another per extension instance. */
    private volatile RunningBroker current;

    /** Adds a broker config override; returns this for chaining. */
    public EmbeddedBrokerExtension with(String key, Object value) {
        overrides.put(key, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        brokerFor(context);
    }

    /**
     * The broker of the current test class (started on first use); for {@code @RegisterExtension} fields.
     *
     * @throws IllegalStateException outside a test class run by JUnit with this extension
     */
    public EmbeddedBroker broker() {
        if (current == null) {
            throw new IllegalStateException("the embedded broker starts before the test class's first test; "
                + "call broker() from a test or a @BeforeAll/@BeforeEach method");
        }
        return current.broker;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return brokerFor(context);
    }

    private EmbeddedBroker brokerFor(ExtensionContext context) {
        // Stored in the class-level store so JUnit closes it after the class, whichever test asked first.
        ExtensionContext classContext = classContextOf(context);
        RunningBroker running = classContext.getStore(NAMESPACE)
            .getOrComputeIfAbsent(RunningBroker.class, key -> RunningBroker.start(overrides), RunningBroker.class);
        current = running;
        return running.broker;
    }

    private static ExtensionContext classContextOf(ExtensionContext context) {
        ExtensionContext at = context;
        while (at.getTestMethod().isPresent() && at.getParent().isPresent()) {
            at = at.getParent().get();
        }
        return at;
    }

    /** A broker and the temporary directory it owns; JUnit closes stored AutoCloseables with the class's store. */
    private static final class RunningBroker implements AutoCloseable {
        final EmbeddedBroker broker;
        final Path dataDir;

        private RunningBroker(EmbeddedBroker broker, Path dataDir) {
            this.broker = broker;
            this.dataDir = dataDir;
        }

        static RunningBroker start(Map<String, Object> overrides) {
            try {
                Path dataDir = Files.createTempDirectory("sluice-broker-");
                return new RunningBroker(EmbeddedBroker.start(dataDir, 0, overrides), dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a data directory for the embedded broker", e);
            }
        }

        @Override
        public void close() throws IOException {
            broker.close();
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
