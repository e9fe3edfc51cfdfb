package io.sluice.streams.state.internals;

import io.sluice.streams.processor.StateStoreContext;

final class ChangeLogging {
    private ChangeLogging() {
    }

    static InternalStoreContext internalContext(StateStoreContext context, String storeName) {
        if (context instanceof InternalStoreContext internal) {
            return internal;
        }
        throw new IllegalStateException("Store " + storeName + " has logging enabled, but its context ("
            + context.getClass().getName() + ") provides no changelog; build it withLoggingDisabled() or run it in "
            + "the streams runtime");
    }
}
