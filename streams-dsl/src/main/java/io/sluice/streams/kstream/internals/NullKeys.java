package io.sluice.streams.kstream.internals;

import io.sluice.streams.processor.api.ProcessingContext;
import io.sluice.streams.processor.internals.ProcessorContextImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Drops a record that has no key where one is needed: counted in the task's dropped-records metric, logged. */
final class NullKeys {
    private static final Logger LOG = LoggerFactory.getLogger(NullKeys.class);

    private NullKeys() {
    }

    static void drop(ProcessingContext context, String what) {
        if (context instanceof ProcessorContextImpl internal) {
            internal.metrics().recordDropped();
        }
        LOG.warn("Skipping a record with a null key: it cannot go into {} (task {}, source {})", what,
            context.taskId(), context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
                .orElse("punctuation"));
    }
}
