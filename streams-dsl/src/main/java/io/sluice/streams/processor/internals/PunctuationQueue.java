package io.sluice.streams.processor.internals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The schedules of one punctuation type for one task, run in the order they were scheduled. A punctuator may
 * schedule or cancel punctuators; new ones wait for the next call.
 *
 * <p>Threading: the task's thread only.
 */
final class PunctuationQueue {
    private final List<PunctuationSchedule> schedules = new ArrayList<>();

    void add(PunctuationSchedule schedule) {
        schedules.add(schedule);
    }

    /** Runs every schedule due at {@code nowMs} through {@code runner}; returns whether any ran. */
    boolean punctuateDue(long nowMs, Consumer<PunctuationSchedule> runner) {
        schedules.removeIf(PunctuationSchedule::cancelled);
        boolean ran = false;
        for (PunctuationSchedule schedule : List.copyOf(schedules)) {
            if (schedule.isDue(nowMs)) {
                schedule.advancePast(nowMs);
                runner.accept(schedule);
                ran = true;
            }
        }
        return ran;
    }
}
