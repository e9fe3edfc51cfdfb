package io.sluice.streams.processor;

/**
 * A named piece of local state owned by one stream task. Stores are wrapped in layers (typed, caching,
 * changelogging, bytes); {@link #init} is called once on the outermost layer, which passes itself down as
 * {@code root} so the innermost layer registers the store the application sees.
 *
 * <p>Threading: a store is used by the one thread running its task; only its read-only views may be queried from
 * other threads (interactive queries), and implementations say how far they support that.
 *
 * <p>Lifecycle: created → {@link #init} → open ({@link #isOpen()}) → {@link #close()}. {@link #flush()} is called
 * on commit and must make every earlier write durable in the layer below (and, for persistent stores, on disk).
 */
public interface StateStore {
    String name();

    void init(StateStoreContext context, StateStore root);

    void flush();

    void close();

    boolean persistent();

    boolean isOpen();
}
