package io.sluice.connect.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SubmittedRecordsTest {

    @Test
    void offsetsAdvanceOnlyOverTheAcknowledgedPrefixOfEachPartition() {
        SubmittedRecords submitted = new SubmittedRecords();
        Map<String, String> a = Map.of("p", "a");
        Map<String, String> b = Map.of("p", "b");
        SubmittedRecords.Submitted a0 = submitted.submit(a, Map.of("o", 0));
        SubmittedRecords.Submitted a1 = submitted.submit(a, Map.of("o", 1));
        SubmittedRecords.Submitted a2 = submitted.submit(a, Map.of("o", 2));
        SubmittedRecords.Submitted b0 = submitted.submit(b, Map.of("o", 0));

        a1.ack();
        b0.ack();
        assertThat(submitted.committableOffsets()).isEqualTo(Map.of(b, Map.of("o", 0)));

        a0.ack();
        assertThat(submitted.committableOffsets()).isEqualTo(Map.of(a, Map.of("o", 1)));
        assertThat(submitted.pending()).isEqualTo(1);

        a2.ack();
        assertThat(submitted.committableOffsets()).isEqualTo(Map.of(a, Map.of("o", 2)));
        assertThat(submitted.committableOffsets()).isEmpty();
    }
}
