package io.sluice.log.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.log.config.ConfigException;
import io.sluice.log.errors.InvalidPartitionsException;
import io.sluice.log.errors.InvalidTopicException;
import io.sluice.log.errors.OffsetOutOfRangeException;
import io.sluice.log.errors.TopicExistsException;
import io.sluice.log.errors.UnknownTopicOrPartitionException;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;
import org.junit.jupiter.api.Test;

class AdminErrorsTest {
    @Test
    void mapsEachAdminConditionToItsKafkaErrorCode() {
        assertThat(AdminErrors.toError(new TopicExistsException("x"))).isEqualTo(Errors.TOPIC_ALREADY_EXISTS);
        assertThat(AdminErrors.toError(new UnknownTopicOrPartitionException("x")))
            .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
        assertThat(AdminErrors.toError(new InvalidTopicException("x"))).isEqualTo(Errors.INVALID_TOPIC_EXCEPTION);
        assertThat(AdminErrors.toError(new InvalidPartitionsException("x"))).isEqualTo(Errors.INVALID_PARTITIONS);
        assertThat(AdminErrors.toError(new ConfigException("x"))).isEqualTo(Errors.INVALID_CONFIG);
        assertThat(AdminErrors.toError(new OffsetOutOfRangeException("x"))).isEqualTo(Errors.OFFSET_OUT_OF_RANGE);
    }

    @Test
    void keepsTheMessageForTheClient() {
        ApiError error = AdminErrors.toApiError(new TopicExistsException("Topic 'a' already exists"));

        assertThat(error.error()).isEqualTo(Errors.TOPIC_ALREADY_EXISTS);
        assertThat(error.message()).isEqualTo("Topic 'a' already exists");
    }

    @Test
    void anythingElseIsAnUnknownServerErrorCarryingTheExceptionAndMessage() {
        ApiError error = AdminErrors.toApiError(new IllegalStateException("disk on fire"));

        assertThat(error.error()).isEqualTo(Errors.UNKNOWN_SERVER_ERROR);
        assertThat(error.message()).contains("IllegalStateException", "disk on fire");
    }

    @Test
    void looksThroughCompletionWrappers() {
        assertThat(AdminErrors.toError(new CompletionException(new TopicExistsException("x"))))
            .isEqualTo(Errors.TOPIC_ALREADY_EXISTS);
    }

    @Test
    void anUnknownTopicNamedByIdIsUnknownTopicId() {
        ApiError error = AdminErrors.toApiErrorForTopicId(new UnknownTopicOrPartitionException("no such id"));

        assertThat(error.error()).isEqualTo(Errors.UNKNOWN_TOPIC_ID);
        assertThat(error.message()).isEqualTo("no such id");
    }
}
