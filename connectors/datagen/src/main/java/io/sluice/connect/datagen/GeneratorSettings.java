package io.sluice.connect.datagen;

import java.util.SplittableRandom;

/**
 * What every data set draws on to build record number {@code sequence}: the seed, the user id space and the
 * event-time line.
 *
 * <p>Determinism: a record's random choices come from a generator seeded by {@link #random(long, long)}, a pure
 * function of (seed, stream, index), never from shared generator state. So record n is the same whichever task
 * builds it, in whatever order, and after any restart.
 */
record GeneratorSettings(long seed, int usersCount, double botRatio, long tsStartMs, long tsStepMs) {

    static GeneratorSettings of(DatagenConfig config) {
        return new GeneratorSettings(config.seed(), config.usersCount(), config.botRatio(), config.tsStart(),
            config.tsStepMs());
    }

    /** A generator for one (stream, index), e.g. (clicks, record 42) or (user attributes, user 7). */
    SplittableRandom random(long stream, long index) {
        return new SplittableRandom(mix(mix(seed ^ mix(stream)) + index));
    }

    long timestampOf(long sequence) {
        return tsStartMs + sequence * tsStepMs;
    }

    static String userId(long user) {
        return "user-" + user;
    }

    /** A 64-bit finalizer (Stafford's variant 13): neighbouring inputs give unrelated outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
