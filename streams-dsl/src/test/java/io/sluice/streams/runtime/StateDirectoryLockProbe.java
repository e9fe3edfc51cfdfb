package io.sluice.streams.runtime;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link StateDirectoryTest}: locks {@code args[0]}/{@code args[1]}, prints {@code LOCKED},
 * then holds the lock until killed or its standard input closes.
 */
public final class StateDirectoryLockProbe {
    private StateDirectoryLockProbe() {
    }

    public static void main(String[] args) throws Exception {
        StateDirectory directory = new StateDirectory(Path.of(args[0]), args[1]);
        directory.lock();
        System.out.println("LOCKED");
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold the lock
        }
        directory.close();
    }
}
