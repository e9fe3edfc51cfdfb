package io.sluice.examples.clickstream;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * What a {@link ClickstreamPipeline} run generates and where it keeps its data. Invalid values fail at
 * construction, naming the setting and the value.
 *
 * @param dataDir the run's folder: wiped at start, then holds the broker's log, the Streams state, the Connect
 *                offsets and the output file
 * @param clicks clicks to generate; the run ends once all of them went through the pipeline
 * @param users size of the user id space (the users table has one row per user)
 * @param seed datagen's seed: the same seed and sizes give the same records and the same output file
 * @param botRatio share of clicks that come from crawlers, in [0, 1]
 * @param clicksPerSecond datagen's rate limit for clicks; 0 = as fast as the pipeline takes them
 */
public record ClickstreamSettings(Path dataDir, long clicks, int users, long seed, double botRatio,
                                  long clicksPerSecond) {

    public static final Path DEFAULT_DATA_DIR = Path.of("data", "demo");
    public static final long DEFAULT_CLICKS = 200_000;
    public static final int DEFAULT_USERS = 1_000;
    public static final long DEFAULT_SEED = 42;
    public static final double DEFAULT_BOT_RATIO = 0.1;

    public ClickstreamSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        require(clicks >= 1, "clicks", clicks, "at least 1");
        require(users >= 1, "users", users, "at least 1");
        require(botRatio >= 0 && botRatio <= 1, "bot ratio", botRatio, "between 0 and 1");
        require(clicksPerSecond >= 0, "clicks per second", clicksPerSecond, "0 (unlimited) or more");
    }

    /** The defaults of {@code bin/sluice demo}. */
    public static ClickstreamSettings defaults() {
        return new ClickstreamSettings(DEFAULT_DATA_DIR, DEFAULT_CLICKS, DEFAULT_USERS, DEFAULT_SEED, DEFAULT_BOT_RATIO,
            0);
    }

    public ClickstreamSettings withDataDir(Path dir) {
        return new ClickstreamSettings(dir, clicks, users, seed, botRatio, clicksPerSecond);
    }

    public ClickstreamSettings withClicks(long count) {
        return new ClickstreamSettings(dataDir, count, users, seed, botRatio, clicksPerSecond);
    }

    public ClickstreamSettings withUsers(int count) {
        return new ClickstreamSettings(dataDir, clicks, count, seed, botRatio, clicksPerSecond);
    }

    public ClickstreamSettings withSeed(long value) {
        return new ClickstreamSettings(dataDir, clicks, users, value, botRatio, clicksPerSecond);
    }

    public ClickstreamSettings withClicksPerSecond(long rate) {
        return new ClickstreamSettings(dataDir, clicks, users, seed, botRatio, rate);
    }

    /** The file the sink connector writes: one JSON line per region and closed window. */
    public Path outputFile() {
        return dataDir.resolve("page-views-per-region.jsonl");
    }

    private static void require(boolean valid, String setting, Object value, String expected) {
        if (!valid) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "Clickstream %s must be %s, got %s",
                setting, expected, value));
        }
    }
}
