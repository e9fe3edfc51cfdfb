package io.sluice.log.coordinator;

import static io.sluice.log.coordinator.CoordinatorFixture.SESSION_MS;
import static io.sluice.log.coordinator.CoordinatorFixture.await;
import static io.sluice.log.coordinator.CoordinatorFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sluice.log.record.RecordBatchBuilder;
import io.sluice.log.storage.AppendOrigin;
import io.sluice.log.storage.PartitionLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Groups and offsets survive a broker restart through {@code __consumer_offsets}. */
class GroupCoordinatorPersistenceTest {
    private static final String GROUP = "billing";
    private static final TopicPartition TP = new TopicPartition("invoices", 3);

    @TempDir
    Path dir;

    @Test
    void committedOffsetsAndAStableGroupAreBackAfterARestart() {
        try (CoordinatorFixture fx = new CoordinatorFixture(dir)) {
            GroupCoordinator.JoinResult member = fx.stableSingleMemberGroup(GROUP);
            commit(fx.coordinator, GROUP, member.memberId(), 1, TP, 100, "first");
            commit(fx.coordinator, GROUP, member.memberId(), 1, TP, 250, "second");
            commit(fx.coordinator, "offsets-only", "", -1, TP, 9, "");

            fx.restart();

            GroupCoordinator.FetchedOffsets offsets = fx.coordinator.fetchOffsets(GROUP, List.of(TP));
            assertThat(offsets.offsets().get(TP).offset()).isEqualTo(250);
            assertThat(offsets.offsets().get(TP).metadata()).isEqualTo("second");
            assertThat(offsets.offsets().get(TP).leaderEpoch()).contains(5);
            assertThat(fx.coordinator.fetchOffsets("offsets-only", null).offsets().get(TP).offset()).isEqualTo(9);

            GroupCoordinator.GroupDescription description = fx.coordinator.describeGroup(GROUP);
            assertThat(description.state()).isEqualTo(GroupState.STABLE);
            assertThat(description.protocolName()).isEqualTo("range");
            assertThat(description.members()).singleElement().satisfies(m -> {
                assertThat(m.memberId()).isEqualTo(member.memberId());
                assertThat(m.assignment()).isEqualTo(bytes("assignment-" + member.memberId()));
            });
            // The restored member may carry on in its generation if it heartbeats in time ...
            assertThat(fx.coordinator.heartbeat(GROUP, member.memberId(), null, 1)).isEqualTo(Errors.NONE);
            // ... and expires like any other member when it does not.
            fx.timer.advance(SESSION_MS + 1);
            assertThat(fx.state(GROUP)).isEqualTo(GroupState.EMPTY);
            assertThat(fx.coordinator.fetchOffsets(GROUP, List.of(TP)).offsets().get(TP).offset()).isEqualTo(250);
        }
    }

    @Test
    void anEmptyGroupKeepsItsGenerationAcrossARestart() {
        try (CoordinatorFixture fx = new CoordinatorFixture(dir)) {
            GroupCoordinator.JoinResult member = fx.stableSingleMemberGroup(GROUP);
            fx.coordinator.leaveGroup(GROUP, List.of(new GroupCoordinator.LeavingMember(member.memberId(), null)));
            awaitEmptyGroupStored(fx);

            fx.restart();

            assertThat(fx.state(GROUP)).isEqualTo(GroupState.EMPTY);
            // Generation 2 (the empty one) was stored: the next member starts generation 3.
            var pending = fx.joinNew(GROUP);
            fx.timer.advance(CoordinatorFixture.INITIAL_DELAY_MS);
            assertThat(await(pending).generationId()).isEqualTo(3);
        }
    }

    @Test
    void aDeletedGroupStaysDeletedAfterARestart() {
        try (CoordinatorFixture fx = new CoordinatorFixture(dir)) {
            commit(fx.coordinator, GROUP, "", -1, TP, 5, "");
            assertThat(await(fx.coordinator.deleteGroups(List.of(GROUP)))).containsEntry(GROUP, Errors.NONE);

            fx.restart();

            assertThat(fx.coordinator.describeGroup(GROUP).error()).isEqualTo(Errors.GROUP_ID_NOT_FOUND);
            assertThat(fx.coordinator.fetchOffsets(GROUP, null).offsets()).isEmpty();
        }
    }

    @Test
    void aRecordThatDoesNotParseIsLoggedOnceAndSkipped() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(GroupCoordinator.class);
        appender.start();
        logger.addAppender(appender);
        try (CoordinatorFixture fx = new CoordinatorFixture(dir)) {
            commit(fx.coordinator, GROUP, "", -1, TP, 77, "");
            int partition = fx.coordinator.partitionFor(GROUP);
            PartitionLog log = fx.logs.getOrCreateLog(
                new io.sluice.log.storage.TopicPartition(GroupCoordinator.OFFSETS_TOPIC, partition));
            byte[] validKey = OffsetsTopicCodec.offsetKey(GROUP, new TopicPartition("invoices", 4));
            log.appendAsLeader(new RecordBatchBuilder(0)
                .append(0L, validKey, new byte[] {0, 0, 1})               // value cut short
                .append(0L, new byte[] {0, 9, 1, 2}, new byte[] {1})       // unknown key type
                .build(), 0, AppendOrigin.CLIENT);
            commit(fx.coordinator, GROUP, "", -1, TP, 78, "after");

            fx.restart();

            assertThat(fx.coordinator.fetchOffsets(GROUP, null).offsets()).containsOnlyKeys(TP);
            assertThat(fx.coordinator.fetchOffsets(GROUP, null).offsets().get(TP).offset()).isEqualTo(78);
            List<String> warnings = appender.list.stream()
                .filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(warnings).filteredOn(w -> w.startsWith("Skipping unreadable record")).hasSize(2)
                .allSatisfy(w -> assertThat(w).contains(GroupCoordinator.OFFSETS_TOPIC + "-" + partition));
        } finally {
            logger.detachAppender(appender);
        }
    }

    private static void commit(GroupCoordinator coordinator, String groupId, String memberId, int generation,
                               TopicPartition tp, long offset, String metadata) {
        Map<TopicPartition, Errors> result = await(coordinator.commitOffsets(new GroupCoordinator.CommitRequest(
            groupId, memberId, null, generation, Map.of(tp, new OffsetAndMetadata(offset, Optional.of(5), metadata,
                -1)))));
        assertThat(result).containsEntry(tp, Errors.NONE);
    }

    /** The empty group's record is written without a request waiting on it: wait until it is in the log. */
    private static void awaitEmptyGroupStored(CoordinatorFixture fx) {
        PartitionLog log = fx.logs.getLog(new io.sluice.log.storage.TopicPartition(GroupCoordinator.OFFSETS_TOPIC,
            fx.coordinator.partitionFor(GROUP))).orElseThrow();
        // Two group records: generation 1 (from the sync) and generation 2 (empty). Appends are synchronous, so
        // the record is already in the log; a clean close fsyncs it.
        assertThat(log.logEndOffset()).isEqualTo(2);
    }
}
