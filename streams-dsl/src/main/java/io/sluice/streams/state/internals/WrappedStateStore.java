package io.sluice.streams.state.internals;

import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.StateStoreContext;
import java.util.Objects;

/**
 * A layer over another store (typing, caching, changelogging, a facade): its name, lifecycle and state are the
 * wrapped store's. Layers that do more at {@code init}, {@code flush} or {@code close} override those and still
 * pass the call on to {@link #inner}.
 *
 * <p>Threading: that of the wrapped store.
 *
 * @param <S> the type of the wrapped store
 */
public abstract class WrappedStateStore<S extends StateStore> implements StateStore {
    protected final S inner;

    protected WrappedStateStore(S inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
    }

    @Override
    public void flush() {
        inner.flush();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }
}
