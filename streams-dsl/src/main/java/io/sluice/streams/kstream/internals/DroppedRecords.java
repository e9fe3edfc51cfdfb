package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Window;
import io.sluice.streams.processor.api.ProcessingContext;
import io.sluice.streams.processor.api.Record;
import io.sluice.streams.processor.internals.ProcessorContextImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the DSL drops (no key where one is needed, too late for any window) are counted in the task's
 * {@code dropped-records-total} metric and logged: never silently lost.
 */
final class DroppedRecords {
    private static final Logger LOG = LoggerFactory.getLogger(DroppedRecords.class);

    private DroppedRecords() {
    }

    static void count(ProcessingContext context) {
        if (context instanceof ProcessorContextImpl internal) {
            internal.metrics().recordDropped();
        }
    }

    /** A record too late for {@code window}, which closed when close time (stream time minus grace) passed it. */
    static void lateForWindow(ProcessingContext context, Record<?, ?> record, Window window, long closeTime) {
        count(context);
        LOG.debug("Skipping a record for a closed window: key {}, timestamp {}, window [{},{}], close time {} (task {}, "
            + "source {})", record.key(), record.timestamp(), window.start(), window.end(), closeTime,
            context.taskId(), source(context));
    }

    static void nullKey(ProcessingContext context, String what) {
        nullKeyOrValue(context, what, true);
    }

    /** A record that cannot go into {@code what} because its key ({@code nullKey}) or its value is {@code null}. */
    static void nullKeyOrValue(ProcessingContext context, String what, boolean nullKey) {
        count(context);
        LOG.warn("Skipping a record with a null {}: it cannot go into {} (task {}, source {})",
            nullKey ? "key" : "value", what, context.taskId(), source(context));
    }

    private static String source(ProcessingContext context) {
        return context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
            .orElse("punctuation");
    }
}
