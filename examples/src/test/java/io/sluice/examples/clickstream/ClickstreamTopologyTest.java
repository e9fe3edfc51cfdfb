package io.sluice.examples.clickstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.TestInputTopic;
import io.sluice.streams.TestOutputTopic;
import io.sluice.streams.TopologyTestDriver;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClickstreamTopologyTest {
    private static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/121.0";

    private final ClickstreamCounters counters = new ClickstreamCounters();
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> users;
    private TestInputTopic<String, String> clicks;
    private TestOutputTopic<String, String> pageViews;

    @BeforeEach
    void startDriver() {
        StreamsBuilder builder = new StreamsBuilder();
        ClickstreamTopology.build(builder, ClickstreamTopics.DEFAULT, counters);
        driver = new TopologyTestDriver(builder.build(), new Properties());
        users = driver.createInputTopic("users", new StringSerializer(), new StringSerializer());
        clicks = driver.createInputTopic("clicks", new StringSerializer(), new StringSerializer());
        pageViews = driver.createOutputTopic("page-views-per-region", new StringDeserializer(), new StringDeserializer());
        user("u1", "EU-WEST");
        user("u2", "US-EAST");
        user("u3", "EU-WEST");
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    private void user(String id, String region) {
        users.pipeInput(id, "{\"user_id\":\"" + id + "\",\"name\":\"Name " + id + "\",\"region\":\"" + region
            + "\",\"signup_ts\":" + (T0 - MINUTE) + "}", T0 - MINUTE);
    }

    private void click(String userId, String userAgent, long ts) {
        clicks.pipeInput(userId, "{\"user_id\":\"" + userId + "\",\"page\":\"/home\",\"user_agent\":\"" + userAgent
            + "\",\"ts\":" + ts + "}", ts);
    }

    private static String line(String region, int minute, long views) {
        return "{\"region\":\"" + region + "\",\"window_start\":\"" + Instant.ofEpochMilli(T0 + minute * MINUTE)
            + "\",\"window_end\":\"" + Instant.ofEpochMilli(T0 + (minute + 1) * MINUTE) + "\",\"page_views\":" + views
            + "}";
    }

    @Test
    void countsPageViewsPerRegionInOneMinuteWindowsEmittedOnceWhenTheyClose() {
        click("u1", BROWSER, T0);
        click("u2", BROWSER, T0 + 1_000);
        click("u3", BROWSER, T0 + 59_999);
        assertThat(pageViews.isEmpty()).as("no window closed yet").isTrue();

        click("u1", BROWSER, T0 + MINUTE);
        click("u2", BROWSER, T0 + 2 * MINUTE);

        assertThat(pageViews.readKeyValuesToList()).extracting(kv -> kv.key + " " + kv.value).containsExactly(
            "EU-WEST " + line("EU-WEST", 0, 2),
            "US-EAST " + line("US-EAST", 0, 1),
            "EU-WEST " + line("EU-WEST", 1, 1));
        assertThat(counters.windowsEmitted()).isEqualTo(3);
    }

    @Test
    void dropsAndCountsBotClicks() {
        click("u1", "Googlebot/2.1 (+http://www.google.com/bot.html)", T0);
        click("u1", "Mozilla/5.0 (compatible; bingbot/2.0)", T0 + 1);
        click("u1", "Baiduspider", T0 + 2);
        click("u1", BROWSER, T0 + 3);

        click("u2", BROWSER, T0 + MINUTE);

        assertThat(pageViews.readValuesToList()).containsExactly(line("EU-WEST", 0, 1));
        assertThat(counters.clicksIn()).isEqualTo(5);
        assertThat(counters.botsDropped()).isEqualTo(3);
        assertThat(counters.enriched()).isEqualTo(2);
    }

    @Test
    void countsClicksOfUsersMissingFromTheTableUnderRegionUnknown() {
        click("nobody", BROWSER, T0);
        click("u2", BROWSER, T0 + 10);

        click("u2", BROWSER, T0 + MINUTE);

        assertThat(pageViews.readValuesToList()).containsExactlyInAnyOrder(line("unknown", 0, 1),
            line("US-EAST", 0, 1));
        assertThat(counters.unknownUsers()).isEqualTo(1);
        assertThat(counters.enriched()).isEqualTo(3);
    }

    @Test
    void aUserWhoseRegionChangesCountsInTheNewRegionFromThenOn() {
        click("u1", BROWSER, T0);
        user("u1", "APAC");
        click("u1", BROWSER, T0 + 1);

        click("u2", BROWSER, T0 + MINUTE);

        assertThat(pageViews.readValuesToList()).containsExactlyInAnyOrder(line("EU-WEST", 0, 1), line("APAC", 0, 1));
    }

    @Test
    void keepsTheWindowThatIsStillOpenOutOfTheOutput() {
        click("u1", BROWSER, T0);
        click("u1", BROWSER, T0 + MINUTE - 1);

        assertThat(pageViews.readValuesToList()).isEmpty();
        assertThat(driver.producedTopicNames()).doesNotContain("page-views-per-region");
        assertThat(List.of(counters.clicksIn(), counters.enriched(), counters.windowsEmitted()))
            .containsExactly(2L, 2L, 0L);
    }
}
