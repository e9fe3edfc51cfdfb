package io.sluice.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.streams.processor.TaskId;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RestoreProgressTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void logsAtMostEveryTwoSecondsWithPercentOfOffsetsAndRecordsPerSecond() {
        RestoreProgress progress = new RestoreProgress(new TaskId(1, 2), 1000, 0);

        assertThat(progress.advance(100, 100, SECOND)).isEmpty();
        assertThat(progress.advance(150, 100, 2 * SECOND))
            .hasValue("Restoring the state of task 1_2: 25% done, 200 records at 100 records/s");
        assertThat(progress.advance(250, 200, 3 * SECOND)).isEmpty();
        assertThat(progress.advance(0, 0, 4 * SECOND - 1)).isEmpty();
        assertThat(progress.advance(0, 0, 4 * SECOND)).hasValueSatisfying(line -> assertThat(line).contains("50%"));
        assertThat(progress.restoredRecords()).isEqualTo(400);
        assertThat(progress.completed(4 * SECOND))
            .isEqualTo("Restored the state of task 1_2: 400 records in 4000 ms (100 records/s)");
    }

    @Test
    void percentIsCappedAndNothingToRestoreIsDone() {
        RestoreProgress nothing = new RestoreProgress(new TaskId(0, 0), 0, 0);
        assertThat(nothing.percentDone()).isEqualTo(100);

        RestoreProgress overshoot = new RestoreProgress(new TaskId(0, 0), 10, 0);
        overshoot.advance(12, 10, 1);
        assertThat(overshoot.percentDone()).isEqualTo(100);
    }
}
