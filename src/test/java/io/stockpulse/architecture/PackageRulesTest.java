package io.stockpulse.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package map of docs/architecture.md, checked on the compiled classes: a change that closes a
 * circle between packages, lets Kafka into the decision maths or makes production code depend on the
 * benchmarks fails here, with the offending class and call named.
 */
class PackageRulesTest {

    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.stockpulse");
    }

    @Test
    void noCirclesBetweenPackages() {
        slices().matching("io.stockpulse.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theDecisionMathsKnowsNoKafkaNoStoresAndNoRecords() {
        noClasses().that().resideInAnyPackage("io.stockpulse.policy..", "io.stockpulse.decision..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.stockpulse.avro..",
                        "io.stockpulse.state..", "io.stockpulse.topology..", "io.stockpulse.forecast..")
                .check(classes);
    }

    @Test
    void productionCodeNeverNamesTheBenchmarks() {
        noClasses().that().resideOutsideOfPackage("io.stockpulse.bench..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stockpulse.bench..", "org.openjdk.jmh..")
                .check(classes);
    }

    @Test
    void theApiSeesTheInstanceOnlyThroughItsBackend() {
        noClasses().that().resideInAPackage("io.stockpulse.api..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stockpulse.app..", "io.stockpulse.cli..",
                        "io.stockpulse.topology..")
                .check(classes);
    }

    @Test
    void onlyTheCommandLineStartsCommands() {
        noClasses().that().resideOutsideOfPackages("io.stockpulse.cli..", "io.stockpulse.bench..")
                .should().dependOnClassesThat().resideInAPackage("io.stockpulse.cli..")
                .check(classes);
    }
}
