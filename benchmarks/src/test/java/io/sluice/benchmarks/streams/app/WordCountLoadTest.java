package io.sluice.benchmarks.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.benchmarks.streams.StreamsBenchData;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WordCountLoadTest {
    @Test
    void shouldCountEveryWordOfTheSeededLines() {
        WordCountLoad load = WordCountLoad.generate(1_000);
        Map<String, Long> counts = load.expectedCounts(1_000);
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1_000L * StreamsBenchData.WORDS_PER_LINE);
        String first = StreamsBenchData.lines(1, StreamsBenchData.SEED)[0].split(" ")[0];
        long occurrences = Arrays.stream(StreamsBenchData.lines(1_000, StreamsBenchData.SEED))
            .flatMap(line -> Arrays.stream(line.split(" "))).filter(first::equals).count();
        assertThat(counts).containsEntry(first, occurrences);
    }

    @Test
    void shouldGiveTheTotalsOfOnlyTheWordsTheLaterLinesUpdate() {
        WordCountLoad load = WordCountLoad.generate(1_010);
        Map<String, Long> all = load.expectedCounts(1_010);
        Map<String, Long> updates = load.expectedUpdates(1_000, 1_010);
        assertThat(updates).isNotEmpty().hasSizeLessThanOrEqualTo(80);
        updates.forEach((word, count) -> assertThat(count).isEqualTo(all.get(word)));
        assertThat(all.keySet()).containsAll(updates.keySet()).hasSizeGreaterThan(updates.size());
    }
}
