package io.tcpemu.metrics;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Config and metrics are pure: no actors, no runtime, no clocks; metrics reads only the trace. */
class PackagesArePureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.tcpemu.config", "io.tcpemu.metrics");

    @Test
    void config_and_metrics_use_no_actors_and_no_runtime() {
        noClasses().that().resideInAnyPackage("io.tcpemu.config..", "io.tcpemu.metrics..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.pekko..", "io.tcpemu.runtime..", "io.tcpemu.time..")
                .check(CLASSES);
    }

    @Test
    void metrics_does_not_know_the_config() {
        noClasses().that().resideInAPackage("io.tcpemu.metrics..")
                .should().dependOnClassesThat().resideInAPackage("io.tcpemu.config..")
                .check(CLASSES);
    }
}
