package io.sluice.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.streams.kstream.internals.TimeWindow;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeWindowsTest {
    private static final Duration TEN_MS = Duration.ofMillis(10);

    @Test
    void aTumblingWindowContainsItsStartButNotItsEnd() {
        TimeWindows tumbling = TimeWindows.ofSizeWithNoGrace(TEN_MS);

        assertThat(tumbling.windowsFor(10)).containsExactly(Map.entry(10L, new TimeWindow(10, 20)));
        assertThat(tumbling.windowsFor(19)).containsExactly(Map.entry(10L, new TimeWindow(10, 20)));
        assertThat(tumbling.windowsFor(20)).containsExactly(Map.entry(20L, new TimeWindow(20, 30)));
    }

    @Test
    void aTimestampNearZeroGetsOnlyWindowsStartingAtZeroOrLater() {
        TimeWindows hopping = TimeWindows.ofSizeWithNoGrace(TEN_MS).advanceBy(Duration.ofMillis(3));

        assertThat(hopping.windowsFor(0)).containsOnlyKeys(0L);
        assertThat(hopping.windowsFor(4)).containsOnlyKeys(0L, 3L);
        assertThat(TimeWindows.ofSizeWithNoGrace(TEN_MS).windowsFor(0)).containsOnlyKeys(0L);
    }

    @Test
    void aHoppingWindowAssignsEveryWindowCoveringTheTimestampInStartOrder() {
        TimeWindows hopping = TimeWindows.ofSizeWithNoGrace(TEN_MS).advanceBy(Duration.ofMillis(5));

        Map<Long, TimeWindow> windows = hopping.windowsFor(21);

        assertThat(windows.keySet()).containsExactly(15L, 20L);
        assertThat(windows.get(15L)).isEqualTo(new TimeWindow(15, 25));
        // 10 would end at 20, exclusive: the boundary timestamp belongs to the later windows only
        assertThat(hopping.windowsFor(20).keySet()).containsExactly(15L, 20L);
        assertThat(hopping.windowsFor(19).keySet()).containsExactly(10L, 15L);
    }

    @Test
    void anAdvanceThatDoesNotDivideTheSizeStillCoversEachTimestamp() {
        TimeWindows hopping = TimeWindows.ofSizeWithNoGrace(TEN_MS).advanceBy(Duration.ofMillis(3));

        assertThat(hopping.windowsFor(25).keySet()).containsExactly(18L, 21L, 24L);
    }

    @Test
    void negativeTimestampsBelongToNoWindow() {
        assertThat(TimeWindows.ofSizeWithNoGrace(TEN_MS).windowsFor(-1)).isEmpty();
    }

    @Test
    void timestampsNearTheEndOfTimeDoNotOverflow() {
        Map<Long, TimeWindow> windows = TimeWindows.ofSizeWithNoGrace(TEN_MS).windowsFor(Long.MAX_VALUE - 1);

        assertThat(windows).hasSize(1);
        assertThat(windows.values().iterator().next().end()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void sizeAdvanceAndGraceAreExposed() {
        TimeWindows windows = TimeWindows.ofSizeAndGrace(TEN_MS, Duration.ofMillis(7)).advanceBy(Duration.ofMillis(2));

        assertThat(windows.sizeMs).isEqualTo(10);
        assertThat(windows.size()).isEqualTo(10);
        assertThat(windows.advanceMs).isEqualTo(2);
        assertThat(windows.gracePeriodMs()).isEqualTo(7);
        assertThat(TimeWindows.ofSizeWithNoGrace(TEN_MS).gracePeriodMs()).isZero();
    }

    @Test
    void rejectsNonPositiveSizesNegativeGraceAndAnAdvanceBeyondTheSize() {
        assertThatThrownBy(() -> TimeWindows.ofSizeWithNoGrace(Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size");
        assertThatThrownBy(() -> TimeWindows.ofSizeAndGrace(TEN_MS, Duration.ofMillis(-1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Grace");
        assertThatThrownBy(() -> TimeWindows.ofSizeWithNoGrace(TEN_MS).advanceBy(Duration.ofMillis(11)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("11 ms");
        assertThatThrownBy(() -> TimeWindows.ofSizeWithNoGrace(TEN_MS).advanceBy(Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(Long.MAX_VALUE)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("milliseconds");
    }
}
