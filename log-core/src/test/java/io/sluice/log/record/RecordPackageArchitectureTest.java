package io.sluice.log.record;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The batch format is ours: kafka-clients is only the reference in tests. */
@AnalyzeClasses(packages = "io.sluice.log.record", importOptions = ImportOption.DoNotIncludeTests.class)
class RecordPackageArchitectureTest {

    @ArchTest
    static final ArchRule recordPackageDependsOnNothingFromApacheKafka = noClasses()
        .that().resideInAPackage("io.sluice.log.record..")
        .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..");
}
