package io.sluice.streams.runtime;

import io.sluice.streams.processor.StateRestoreListener;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;

/**
 * What the stream threads of one app instance share: the process id and {@code application.server} endpoint
 * they tell the assignor, the locked {@link StateDirectory} their tasks keep their state in, the listener
 * told of every restore, and the instance's global stores.
 *
 * <p>Immutable; the state directory and the listener are thread-safe (the listener is called by every thread).
 *
 * @param processId       one per app instance: the assignor balances over processes
 * @param userEndpoint    {@code application.server} as {@code host:port}, or empty
 * @param stateDirectory  locked by the app before any thread starts
 * @param restoreListener the app's global restore listener (a no-op one when none is set)
 * @param globalStores    the global stores ({@link GlobalStores#NONE} when the topology has none)
 */
public record AppInstance(UUID processId, String userEndpoint, StateDirectory stateDirectory,
                          StateRestoreListener restoreListener, GlobalStores globalStores) {
    /** Tells nobody: the restore listener of an app without one. */
    public static final StateRestoreListener NO_RESTORE_LISTENER = new StateRestoreListener() {
        @Override
        public void onRestoreStart(TopicPartition partition, String storeName,
                                   long startingOffset, long endingOffset) {
        }

        @Override
        public void onBatchRestored(TopicPartition partition, String storeName,
                                    long batchEndOffset, long numRestored) {
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String storeName,
                                 long totalRestored) {
        }
    };

    public AppInstance {
        Objects.requireNonNull(processId, "processId");
        Objects.requireNonNull(userEndpoint, "userEndpoint (empty when application.server is unset)");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(restoreListener, "restoreListener");
        Objects.requireNonNull(globalStores, "globalStores");
    }
}
