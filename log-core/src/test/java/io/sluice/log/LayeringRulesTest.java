package io.sluice.log;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The log is ours: kafka-clients may only appear at the protocol edge, never in the record or storage layers. */
class LayeringRulesTest {
    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.sluice.log");

    @Test
    void recordAndStoragePackagesImportNothingFromKafka() {
        noClasses().that().resideInAnyPackage("io.sluice.log.record..", "io.sluice.log.storage..",
                "io.sluice.log.config..", "io.sluice.log.errors..", "io.sluice.log.util..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..")
            .check(MAIN_CLASSES);
    }

    @Test
    void onlyTheProtocolEdgeUsesKafkaClients() {
        noClasses().that().resideOutsideOfPackages("io.sluice.log.protocol..", "io.sluice.log.server..",
                "io.sluice.log.coordinator..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..")
            .check(MAIN_CLASSES);
    }

    @Test
    void recordFormatDoesNotDependOnStorage() {
        noClasses().that().resideInAPackage("io.sluice.log.record..")
            .should().dependOnClassesThat().resideInAPackage("io.sluice.log.storage..")
            .check(MAIN_CLASSES);
    }
}
