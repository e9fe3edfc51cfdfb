package io.sluice.streams.kstream.internals;

import io.sluice.streams.processor.api.ProcessingContext;
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

    static void nullKey(ProcessingContext context, String what) {
        nullKeyOrValue(context, what, true);
    }

    /** A record that cannot go into {@code what} because its key ({@code nullKey}) or its value is {@code null}. */
    static void nullKeyOrValue(ProcessingContext context, String what, boolean nullKey) {
        count(context);
        LOG.warn("Skipping a record with a null {}: it cannot go into {} (task {}, source {})",
            nullKey ? "key" : "value", what, context.taskId(), context.recordMetadata()
                .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("punctuation"));
    }
}
