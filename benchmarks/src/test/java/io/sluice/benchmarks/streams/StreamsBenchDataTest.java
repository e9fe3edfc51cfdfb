package io.sluice.benchmarks.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.benchmarks.streams.StreamsBenchData.ClickStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StreamsBenchDataTest {
    @Test
    void shouldGenerateTheSameDataForTheSameSeed() {
        assertThat(StreamsBenchData.lines(1_000, 7)).containsExactly(StreamsBenchData.lines(1_000, 7));
        ClickStream a = StreamsBenchData.clicks(1_000, 7);
        ClickStream b = StreamsBenchData.clicks(1_000, 7);
        for (int i = 0; i < 1_000; i++) {
            assertThat(a.userId(i)).isEqualTo(b.userId(i));
            assertThat(a.page(i)).isEqualTo(b.page(i));
        }
        assertThat(StreamsBenchData.userRegions(7)).containsExactly(StreamsBenchData.userRegions(7));
    }

    @Test
    void shouldDrawEightWordsPerLineFromAZipfVocabulary() {
        String[] lines = StreamsBenchData.lines(20_000, StreamsBenchData.SEED);
        Map<String, Integer> counts = new HashMap<>();
        for (String line : lines) {
            String[] words = line.split(" ");
            assertThat(words).hasSize(StreamsBenchData.WORDS_PER_LINE);
            for (String word : words) {
                counts.merge(word, 1, Integer::sum);
            }
        }
        double total = 20_000.0 * StreamsBenchData.WORDS_PER_LINE;
        // Zipf s=1 over 10,000 ranks: P(rank 1) = 1 / H(10,000) ≈ 0.102, P(rank 2) ≈ 0.051
        assertThat(counts.get(StreamsBenchData.word(0)) / total).isBetween(0.095, 0.11);
        assertThat(counts.get(StreamsBenchData.word(1)) / total).isBetween(0.045, 0.057);
        assertThat(counts.keySet()).allMatch(word -> word.length() >= 2 && word.length() <= 9);
    }

    @Test
    void shouldGiveEveryVocabularyRankADistinctWord() {
        Set<String> words = new HashSet<>();
        for (int rank = 0; rank < StreamsBenchData.VOCABULARY; rank++) {
            words.add(StreamsBenchData.word(rank));
        }
        assertThat(words).hasSize(StreamsBenchData.VOCABULARY);
    }

    @Test
    void shouldAdvanceClickTimeAcrossLapsSoNoRecordIsLate() {
        ClickStream clicks = StreamsBenchData.clicks(1_000, StreamsBenchData.SEED);
        assertThat(clicks.timestampMs(0, 0)).isEqualTo(StreamsBenchData.START_MS);
        assertThat(StreamsBenchData.START_MS % 60_000).isZero();
        assertThat(clicks.timestampMs(0, 1)).isGreaterThan(clicks.timestampMs(999, 0));
    }

    @Test
    void shouldSpreadClicksOverAllUsersAndFilterTenPercentAsStatic() {
        ClickStream clicks = StreamsBenchData.clicks(200_000, StreamsBenchData.SEED);
        Set<String> users = new HashSet<>();
        int statics = 0;
        for (int i = 0; i < clicks.size(); i++) {
            users.add(clicks.userId(i));
            statics += clicks.page(i).startsWith("/static/") ? 1 : 0;
        }
        assertThat(users).hasSize(StreamsBenchData.USERS);
        assertThat(statics / 200_000.0).isBetween(0.09, 0.11);
    }
}
