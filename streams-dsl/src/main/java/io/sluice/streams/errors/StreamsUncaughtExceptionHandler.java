package io.sluice.streams.errors;

/**
 * Decides what happens when a stream thread dies of an exception (a record that failed with a fail-handler, a
 * send that failed, a broker error the thread could not get past). Called on the dying thread after it has closed
 * its tasks and clients, so the handler may block briefly but must not wait for the app to close.
 */
@FunctionalInterface
public interface StreamsUncaughtExceptionHandler {
    /**
     * @param exception what killed the thread
     * @return what the app does next
     */
    StreamThreadExceptionResponse handle(Throwable exception);

    /** The responses to a dead stream thread. */
    enum StreamThreadExceptionResponse {
        /** Start a new thread in its place; the app keeps running. */
        REPLACE_THREAD,
        /** Stop every thread of this instance: the app goes to ERROR. The default. */
        SHUTDOWN_CLIENT,
        /**
         * Stop every instance of the application. Sluice shuts down this instance only (like SHUTDOWN_CLIENT) until
         * the assignor can carry the request to the other members.
         */
        SHUTDOWN_APPLICATION
    }
}
