package io.sluice.streams.kstream;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One branch of {@code KStream#split()}: its name suffix and what to do with the branch's stream, either a
 * function whose result is put in the map {@code defaultBranch}/{@code noDefaultBranch} return, or a consumer
 * (then the branch appears in the map only if neither is given, as the branch stream itself). At most one of
 * {@link #chainFunction()} and {@link #chainConsumer()} is set. Immutable.
 *
 * @param <K> key type
 * @param <V> value type
 */
public class Branched<K, V> implements NamedOperation<Branched<K, V>> {
    protected final String name;
    protected final Function<? super KStream<K, V>, ? extends KStream<K, V>> chainFunction;
    protected final Consumer<? super KStream<K, V>> chainConsumer;

    protected Branched(String name, Function<? super KStream<K, V>, ? extends KStream<K, V>> chainFunction,
                       Consumer<? super KStream<K, V>> chainConsumer) {
        this.name = Named.validateOrNull(name);
        this.chainFunction = chainFunction;
        this.chainConsumer = chainConsumer;
    }

    /** A copy of {@code branched}, for subclasses. */
    protected Branched(Branched<K, V> branched) {
        this(branched.name, branched.chainFunction, branched.chainConsumer);
    }

    public static <K, V> Branched<K, V> as(String name) {
        return new Branched<>(Objects.requireNonNull(name, "name"), null, null);
    }

    public static <K, V> Branched<K, V> withFunction(
        Function<? super KStream<K, V>, ? extends KStream<K, V>> chain) {
        return new Branched<>(null, Objects.requireNonNull(chain, "chain"), null);
    }

    public static <K, V> Branched<K, V> withFunction(
        Function<? super KStream<K, V>, ? extends KStream<K, V>> chain, String name) {
        return new Branched<>(name, Objects.requireNonNull(chain, "chain"), null);
    }

    public static <K, V> Branched<K, V> withConsumer(Consumer<? super KStream<K, V>> chain) {
        return new Branched<>(null, null, Objects.requireNonNull(chain, "chain"));
    }

    public static <K, V> Branched<K, V> withConsumer(Consumer<? super KStream<K, V>> chain, String name) {
        return new Branched<>(name, null, Objects.requireNonNull(chain, "chain"));
    }

    @Override
    public Branched<K, V> withName(String name) {
        return new Branched<>(name, chainFunction, chainConsumer);
    }

    /** The branch name suffix, or {@code null} for the branch's index. */
    public String name() {
        return name;
    }

    public Function<? super KStream<K, V>, ? extends KStream<K, V>> chainFunction() {
        return chainFunction;
    }

    public Consumer<? super KStream<K, V>> chainConsumer() {
        return chainConsumer;
    }
}
