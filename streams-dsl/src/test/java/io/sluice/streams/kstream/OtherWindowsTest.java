package io.sluice.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.streams.kstream.internals.UnlimitedWindow;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Sliding, session, join and unlimited windows, and emit strategies. */
class OtherWindowsTest {
    @Test
    void slidingWindowsExposeTheirDifferenceAndGraceAndRejectNegatives() {
        SlidingWindows sliding = SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(5), Duration.ofMillis(2));

        assertThat(sliding.timeDifferenceMs()).isEqualTo(5);
        assertThat(sliding.gracePeriodMs()).isEqualTo(2);
        assertThat(SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(5)).gracePeriodMs()).isZero();
        assertThatThrownBy(() -> SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(-1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeDifference");
        assertThatThrownBy(() -> SlidingWindows.ofTimeDifferenceAndGrace(Duration.ZERO, Duration.ofMillis(-1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Grace");
    }

    @Test
    void sessionWindowsNeedAPositiveGap() {
        SessionWindows sessions = SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(30), Duration.ofMillis(4));

        assertThat(sessions.inactivityGap()).isEqualTo(30);
        assertThat(sessions.gracePeriodMs()).isEqualTo(4);
        assertThatThrownBy(() -> SessionWindows.ofInactivityGapWithNoGrace(Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gap");
    }

    @Test
    void joinWindowsAreSymmetricUntilOneBoundChanges() {
        JoinWindows join = JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10), Duration.ofMillis(3));

        assertThat(join.beforeMs).isEqualTo(10);
        assertThat(join.afterMs).isEqualTo(10);
        assertThat(join.size()).isEqualTo(20);
        assertThat(join.gracePeriodMs()).isEqualTo(3);

        JoinWindows shifted = join.before(Duration.ofMillis(-5)).after(Duration.ofMillis(7));

        assertThat(shifted.beforeMs).isEqualTo(-5);
        assertThat(shifted.afterMs).isEqualTo(7);
        assertThat(shifted.size()).isEqualTo(2);
        assertThat(shifted.gracePeriodMs()).isEqualTo(3);
    }

    @Test
    void joinWindowsRejectAnEmptyIntervalANegativeDifferenceAndEnumeration() {
        JoinWindows join = JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(10));

        assertThatThrownBy(() -> join.before(Duration.ofMillis(-11)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-11 + 10");
        assertThatThrownBy(() -> JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(-1)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> join.windowsFor(0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unlimitedWindowsHoldEverythingFromTheirStart() {
        UnlimitedWindows unlimited = UnlimitedWindows.of().startOn(Instant.ofEpochMilli(100));

        assertThat(unlimited.windowsFor(99)).isEmpty();
        assertThat(unlimited.windowsFor(100)).containsExactly(java.util.Map.entry(100L, new UnlimitedWindow(100)));
        assertThat(unlimited.windowsFor(Long.MAX_VALUE - 1).get(100L).end()).isEqualTo(Long.MAX_VALUE);
        assertThat(UnlimitedWindows.of().startMs).isZero();
        assertThatThrownBy(() -> UnlimitedWindows.of().startOn(Instant.ofEpochMilli(-1)))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emitStrategiesReportTheirType() {
        assertThat(EmitStrategy.onWindowClose().type()).isEqualTo(EmitStrategy.StrategyType.ON_WINDOW_CLOSE);
        assertThat(EmitStrategy.onWindowUpdate().type()).isEqualTo(EmitStrategy.StrategyType.ON_WINDOW_UPDATE);
    }
}
