package io.sluice.benchmarks.streams;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The inputs of the streams benchmarks, generated deterministically from a seed and shared by the Kafka Streams
 * baseline and the Sluice twin, so both drivers see exactly the same records in the same order. Plain Java, no
 * Kafka or Sluice types. Benchmarks generate their inputs once in {@code @Setup}; generation is not measured.
 *
 * <ul>
 *   <li><b>Lines</b> for word count: {@value #WORDS_PER_LINE} words per line, separated by one space, drawn from a
 *   vocabulary of {@value #VOCABULARY} pseudo-words (2 to 9 letters) with a <b>Zipf</b> distribution of exponent
 *   1 (rank r has probability proportional to 1/r, as in natural text: the most frequent word is about 10% of all
 *   words, and all 10,000 words occur).</li>
 *   <li><b>Clicks</b> for the windowed count, the stream-table join and the stateless topology: key = user id
 *   ({@value #USERS} users, {@link #userId}), drawn <b>uniformly</b> (so every window holds nearly every key: the
 *   worst case for a window store); value = a page path, 90% {@code /p/<n>} and 10% {@code /static/<n>} (what
 *   the stateless topology filters out). Event timestamps start at {@link #START_MS} (a minute boundary) and
 *   advance by {@value #CLICK_STEP_MS} ms per click, in order: 60,000 clicks per 1-minute window, so a tumbling
 *   window closes every 60,000 records. When a benchmark wraps around the pre-generated clicks it adds
 *   {@link ClickStream#spanMs()} per lap ({@link ClickStream#timestampMs(int, long)}), so time keeps advancing
 *   and no record is ever late.</li>
 *   <li><b>Users</b> for the join's table: every user id mapped to one of {@value #REGION_COUNT} regions,
 *   uniformly.</li>
 * </ul>
 */
public final class StreamsBenchData {
    /** The seed every benchmark uses, so runs (and both drivers) see the same data. */
    public static final long SEED = 0x5_11CEL;
    public static final int VOCABULARY = 10_000;
    public static final int WORDS_PER_LINE = 8;
    public static final int USERS = 10_000;
    public static final int REGION_COUNT = 8;
    /** 2023-11-14T22:13:00Z: a whole minute, so the first tumbling window starts with the first click. */
    public static final long START_MS = 1_699_999_980_000L;
    public static final long CLICK_STEP_MS = 1;

    private static final String[] SYLLABLES = {
        "ba", "ce", "di", "fo", "gu", "ha", "je", "ki", "lo", "mu", "na", "pe", "qui",
        "ro", "sa", "te", "vi", "wo", "xu", "ya", "ze", "bro", "cla", "dre", "fli", "gro",
    };
    private static final String[] REGIONS = {
        "eu-west", "eu-central", "us-east", "us-west", "ap-south", "ap-northeast", "sa-east", "af-south",
    };

    private StreamsBenchData() {
    }

    /**
     * Word {@code rank} of the vocabulary ({@code 0 <= rank < VOCABULARY}): the rank written in base 26 with a
     * syllable per digit, so every word is distinct and frequent words are short.
     */
    public static String word(int rank) {
        StringBuilder word = new StringBuilder(8);
        int r = rank;
        do {
            word.append(SYLLABLES[r % SYLLABLES.length]);
            r /= SYLLABLES.length;
        } while (r > 0);
        return word.toString();
    }

    /** {@code count} lines of {@value #WORDS_PER_LINE} Zipf-distributed words each, separated by single spaces. */
    public static String[] lines(int count, long seed) {
        String[] vocabulary = new String[VOCABULARY];
        for (int rank = 0; rank < VOCABULARY; rank++) {
            vocabulary[rank] = word(rank);
        }
        double[] cumulative = zipfCumulative(VOCABULARY, 1.0);
        SplittableRandom random = new SplittableRandom(seed);
        String[] lines = new String[count];
        StringBuilder line = new StringBuilder(64);
        for (int i = 0; i < count; i++) {
            line.setLength(0);
            for (int w = 0; w < WORDS_PER_LINE; w++) {
                if (w > 0) {
                    line.append(' ');
                }
                line.append(vocabulary[sample(cumulative, random.nextDouble())]);
            }
            lines[i] = line.toString();
        }
        return lines;
    }

    /** The key of user {@code index}, e.g. {@code user-00042}. */
    public static String userId(int index) {
        return String.format(Locale.ROOT, "user-%05d", index);
    }

    /** {@code count} clicks, keys uniform over the {@value #USERS} users, timestamps in order. */
    public static ClickStream clicks(int count, long seed) {
        String[] userIds = new String[USERS];
        for (int u = 0; u < USERS; u++) {
            userIds[u] = userId(u);
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0xC11C);
        String[] keys = new String[count];
        String[] pages = new String[count];
        for (int i = 0; i < count; i++) {
            keys[i] = userIds[random.nextInt(USERS)];
            int page = random.nextInt(1_000);
            pages[i] = (random.nextInt(10) == 0 ? "/static/" : "/p/") + page;
        }
        return new ClickStream(keys, pages);
    }

    /** Region of every user, index = user number: {@code users(seed)[i]} is the region of {@code userId(i)}. */
    public static String[] userRegions(long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x05E5);
        String[] regions = new String[USERS];
        for (int u = 0; u < USERS; u++) {
            regions[u] = REGIONS[random.nextInt(REGIONS.length)];
        }
        return regions;
    }

    /** cumulative[i] = P(rank <= i) for a Zipf distribution over {@code n} ranks with exponent {@code s}. */
    static double[] zipfCumulative(int n, double s) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int rank = 0; rank < n; rank++) {
            sum += 1.0 / Math.pow(rank + 1, s);
            cumulative[rank] = sum;
        }
        for (int rank = 0; rank < n; rank++) {
            cumulative[rank] /= sum;
        }
        cumulative[n - 1] = 1.0;
        return cumulative;
    }

    private static int sample(double[] cumulative, double u) {
        int i = Arrays.binarySearch(cumulative, u);
        return i >= 0 ? i : Math.min(-i - 1, cumulative.length - 1);
    }

    /**
     * Pre-generated clicks: click {@code i} is ({@link #userId(int) userId}, page) at
     * {@code START_MS + i * CLICK_STEP_MS}, plus {@link #spanMs()} for every lap a benchmark has completed.
     */
    public static final class ClickStream {
        private final String[] userIds;
        private final String[] pages;

        ClickStream(String[] userIds, String[] pages) {
            this.userIds = userIds;
            this.pages = pages;
        }

        public int size() {
            return userIds.length;
        }

        public String userId(int i) {
            return userIds[i];
        }

        public String page(int i) {
            return pages[i];
        }

        /** Event time covered by one lap over all clicks. */
        public long spanMs() {
            return userIds.length * CLICK_STEP_MS;
        }

        /** Timestamp of click {@code i} in lap {@code lap} (0 for the first pass): strictly increasing. */
        public long timestampMs(int i, long lap) {
            return START_MS + lap * spanMs() + i * CLICK_STEP_MS;
        }
    }
}
