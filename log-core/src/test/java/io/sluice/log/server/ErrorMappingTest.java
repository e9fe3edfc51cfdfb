package io.sluice.log.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.log.config.ConfigException;
import io.sluice.log.errors.CorruptRecordException;
import io.sluice.log.errors.FencedLeaderEpochException;
import io.sluice.log.errors.InvalidProducerEpochException;
import io.sluice.log.errors.LogTruncatedException;
import io.sluice.log.errors.OffsetOutOfRangeException;
import io.sluice.log.errors.OutOfOrderSequenceException;
import io.sluice.log.errors.RecordTooLargeException;
import io.sluice.log.errors.StorageException;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.NotCoordinatorException;
import org.apache.kafka.common.errors.UnknownServerException;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorMappingTest {
    static Stream<Arguments> ourExceptions() {
        return Stream.of(
            Arguments.of(new CorruptRecordException("bad crc"), Errors.CORRUPT_MESSAGE),
            Arguments.of(new RecordTooLargeException("big"), Errors.MESSAGE_TOO_LARGE),
            Arguments.of(new OffsetOutOfRangeException("offset 9"), Errors.OFFSET_OUT_OF_RANGE),
            Arguments.of(new OutOfOrderSequenceException("seq"), Errors.OUT_OF_ORDER_SEQUENCE_NUMBER),
            Arguments.of(new InvalidProducerEpochException("epoch"), Errors.INVALID_PRODUCER_EPOCH),
            Arguments.of(new FencedLeaderEpochException("epoch 4"), Errors.FENCED_LEADER_EPOCH),
            Arguments.of(new StorageException("disk"), Errors.KAFKA_STORAGE_ERROR),
            Arguments.of(new LogTruncatedException("gone"), Errors.NOT_LEADER_OR_FOLLOWER),
            Arguments.of(new ConfigException("bad"), Errors.INVALID_CONFIG),
            Arguments.of(new IllegalStateException("bug"), Errors.UNKNOWN_SERVER_ERROR));
    }

    @ParameterizedTest
    @MethodSource("ourExceptions")
    void eachOfOurExceptionsMapsToItsKafkaError(Throwable failure, Errors expected) {
        assertThat(ErrorMapping.toError(failure)).isEqualTo(expected);
        assertThat(ErrorMapping.toError(new CompletionException(failure))).isEqualTo(expected);
    }

    @Test
    void kafkaExceptionsKeepTheirOwnCode() {
        assertThat(ErrorMapping.toError(new NotCoordinatorException("moved"))).isEqualTo(Errors.NOT_COORDINATOR);
    }

    @Test
    void theMappedExceptionKeepsTheMessageExceptForUnknownErrors() {
        assertThat(ErrorMapping.toException(new OffsetOutOfRangeException("offset 9 is past the end")))
            .isInstanceOf(org.apache.kafka.common.errors.OffsetOutOfRangeException.class)
            .hasMessage("offset 9 is past the end");
        assertThat(ErrorMapping.toException(new IllegalStateException("secret internals")))
            .isInstanceOf(UnknownServerException.class).hasMessageNotContaining("secret");
    }

    @Test
    void noFailureIsNone() {
        assertThat(ErrorMapping.toError(null)).isEqualTo(Errors.NONE);
    }
}
