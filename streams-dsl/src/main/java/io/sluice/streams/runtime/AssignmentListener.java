package io.sluice.streams.runtime;

/**
 * Receives the decoded {@link AssignmentInfo} of a stream thread's consumer after each rebalance, from
 * {@link StreamsPartitionAssignor#onAssignment}. The thread passes itself (or a delegate) to the assignor through
 * the consumer config key {@link StreamsPartitionAssignor#ASSIGNMENT_LISTENER_CONFIG}.
 *
 * <p>Called on the consumer's thread (the stream thread) inside {@code poll}, before the rebalance listener's
 * {@code onPartitionsAssigned}; an exception thrown here propagates out of {@code poll}. A failed assignment
 * arrives with {@link AssignmentInfo#error()} set; {@link AssignmentInfo#throwIfFailed()} turns it into the
 * exception to stop the thread with.
 */
@FunctionalInterface
public interface AssignmentListener {
    void onAssignment(AssignmentInfo assignment);
}
