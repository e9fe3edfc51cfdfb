package io.sluice.log.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.log.errors.CorruptCheckpointException;
import io.sluice.log.storage.LeaderEpochCache.EpochEndOffset;
import io.sluice.log.storage.LeaderEpochCache.EpochEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderEpochCacheTest {
    @TempDir
    Path logDir;

    private LeaderEpochCache cacheWith(int... epochStartPairs) {
        LeaderEpochCache cache = LeaderEpochCache.open(logDir);
        for (int i = 0; i < epochStartPairs.length; i += 2) {
            cache.assign(epochStartPairs[i], epochStartPairs[i + 1]);
        }
        return cache;
    }

    @Test
    void newCacheIsEmptyAndAnswersUndefined() {
        LeaderEpochCache cache = cacheWith();

        assertThat(cache.entries()).isEmpty();
        assertThat(cache.latestEpoch()).isEmpty();
        assertThat(cache.endOffsetFor(0, 10)).isEqualTo(EpochEndOffset.UNDEFINED);
        assertThat(cache.epochForOffset(0)).isEmpty();
    }

    @Test
    void assignAddsEntriesInEpochOrder() {
        LeaderEpochCache cache = cacheWith(0, 0, 2, 10, 5, 30);

        assertThat(cache.entries()).containsExactly(new EpochEntry(0, 0), new EpochEntry(2, 10), new EpochEntry(5, 30));
        assertThat(cache.latestEpoch()).isEqualTo(OptionalInt.of(5));
    }

    @Test
    void assignOfTheLatestEpochAtALaterOffsetIsIgnored() {
        LeaderEpochCache cache = cacheWith(2, 10);

        cache.assign(2, 15);

        assertThat(cache.entries()).containsExactly(new EpochEntry(2, 10));
    }

    @Test
    void assignOfTheLatestEpochAtAnEarlierOffsetMovesItsStart() {
        LeaderEpochCache cache = cacheWith(1, 0, 2, 10);

        cache.assign(2, 5);

        assertThat(cache.entries()).containsExactly(new EpochEntry(1, 0), new EpochEntry(2, 5));
    }

    @Test
    void assignOfALowerEpochRemovesTheLaterEntriesItContradicts() {
        LeaderEpochCache cache = cacheWith(1, 0, 2, 6, 3, 9);

        cache.assign(2, 7);

        assertThat(cache.entries()).containsExactly(new EpochEntry(1, 0), new EpochEntry(2, 7));
    }

    @Test
    void assignOfAHigherEpochAtAnOffsetNotAboveTheLatestStartRemovesTheEntriesAtOrAfterIt() {
        LeaderEpochCache cache = cacheWith(1, 0, 2, 10, 3, 20);

        cache.assign(4, 10);

        assertThat(cache.entries()).containsExactly(new EpochEntry(1, 0), new EpochEntry(4, 10));
    }

    @Test
    void assignRejectsNegativeValues() {
        LeaderEpochCache cache = cacheWith();

        assertThatThrownBy(() -> cache.assign(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.assign(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void endOffsetForTheLatestEpochIsTheLogEndOffset() {
        LeaderEpochCache cache = cacheWith(1, 0, 3, 10);

        assertThat(cache.endOffsetFor(3, 42)).isEqualTo(new EpochEndOffset(3, 42));
    }

    @Test
    void endOffsetForAKnownEarlierEpochIsTheStartOfTheNextEpoch() {
        LeaderEpochCache cache = cacheWith(1, 0, 3, 10, 4, 25);

        assertThat(cache.endOffsetFor(1, 42)).isEqualTo(new EpochEndOffset(1, 10));
        assertThat(cache.endOffsetFor(3, 42)).isEqualTo(new EpochEndOffset(3, 25));
    }

    @Test
    void endOffsetForAnUnknownEpochBetweenKnownOnesIsTheEpochBelowItAndTheStartOfTheOneAbove() {
        LeaderEpochCache cache = cacheWith(1, 0, 3, 10, 6, 25);

        assertThat(cache.endOffsetFor(2, 42)).isEqualTo(new EpochEndOffset(1, 10));
        assertThat(cache.endOffsetFor(5, 42)).isEqualTo(new EpochEndOffset(3, 25));
    }

    @Test
    void endOffsetForAnEpochBelowTheFirstIsThatEpochAndTheStartOfTheFirst() {
        LeaderEpochCache cache = cacheWith(3, 10, 5, 20);

        assertThat(cache.endOffsetFor(1, 42)).isEqualTo(new EpochEndOffset(1, 10));
    }

    @Test
    void endOffsetForAnEpochAboveTheLatestOrForTheUndefinedEpochIsUndefined() {
        LeaderEpochCache cache = cacheWith(1, 0, 3, 10);

        assertThat(cache.endOffsetFor(4, 42)).isEqualTo(EpochEndOffset.UNDEFINED);
        assertThat(cache.endOffsetFor(LeaderEpochCache.UNDEFINED_EPOCH, 42)).isEqualTo(EpochEndOffset.UNDEFINED);
    }

    @Test
    void epochForOffsetIsTheEpochWhoseRangeContainsIt() {
        LeaderEpochCache cache = cacheWith(1, 5, 3, 10);

        assertThat(cache.epochForOffset(4)).isEmpty();
        assertThat(cache.epochForOffset(5)).isEqualTo(OptionalInt.of(1));
        assertThat(cache.epochForOffset(9)).isEqualTo(OptionalInt.of(1));
        assertThat(cache.epochForOffset(10)).isEqualTo(OptionalInt.of(3));
        assertThat(cache.epochForOffset(1000)).isEqualTo(OptionalInt.of(3));
    }

    @Test
    void truncateFromEndRemovesEntriesStartingAtOrAfterTheEndOffset() {
        LeaderEpochCache cache = cacheWith(1, 0, 2, 10, 3, 20);

        cache.truncateFromEnd(10);

        assertThat(cache.entries()).containsExactly(new EpochEntry(1, 0));
    }

    @Test
    void truncateFromEndAboveTheLatestStartKeepsEverything() {
        LeaderEpochCache cache = cacheWith(1, 0, 2, 10);

        cache.truncateFromEnd(11);

        assertThat(cache.entries()).containsExactly(new EpochEntry(1, 0), new EpochEntry(2, 10));
    }

    @Test
    void truncateFromStartDropsEntriesBelowAndMovesTheStraddlingOneUp() {
        LeaderEpochCache cache = cacheWith(1, 0, 2, 10, 3, 20);

        cache.truncateFromStart(15);

        assertThat(cache.entries()).containsExactly(new EpochEntry(2, 15), new EpochEntry(3, 20));
    }

    @Test
    void truncateFromStartAtAnEntrysStartDropsOnlyTheEntriesBelow() {
        LeaderEpochCache cache = cacheWith(1, 0, 2, 10, 3, 20);

        cache.truncateFromStart(10);

        assertThat(cache.entries()).containsExactly(new EpochEntry(2, 10), new EpochEntry(3, 20));
        assertThat(LeaderEpochCache.open(logDir).entries()).isEqualTo(cache.entries());
    }

    @Test
    void truncateFromStartBelowTheFirstEntryKeepsEverything() {
        LeaderEpochCache cache = cacheWith(1, 5, 2, 10);

        cache.truncateFromStart(3);

        assertThat(cache.entries()).containsExactly(new EpochEntry(1, 5), new EpochEntry(2, 10));
    }

    @Test
    void everyChangeSurvivesReopening() {
        LeaderEpochCache cache = cacheWith(1, 0, 2, 10, 3, 20, 4, 30);
        cache.truncateFromEnd(30);
        cache.truncateFromStart(5);

        LeaderEpochCache reopened = LeaderEpochCache.open(logDir);

        assertThat(reopened.entries())
            .containsExactly(new EpochEntry(1, 5), new EpochEntry(2, 10), new EpochEntry(3, 20));
    }

    @Test
    void checkpointFileUsesTheTextLayout() throws IOException {
        cacheWith(0, 0, 2, 1200);

        assertThat(Files.readString(logDir.resolve(LeaderEpochCache.FILE_NAME))).isEqualTo("0\n2\n0 0\n2 1200\n");
    }

    @Test
    void openRejectsAMalformedCheckpointNamingPathAndLine() throws IOException {
        Path file = logDir.resolve(LeaderEpochCache.FILE_NAME);
        Files.writeString(file, "0\n2\n0 0\n2 -5\n");

        assertThatThrownBy(() -> LeaderEpochCache.open(logDir))
            .isInstanceOf(CorruptCheckpointException.class)
            .hasMessageContaining(file.toString())
            .hasMessageContaining("line 4:");
    }
}
