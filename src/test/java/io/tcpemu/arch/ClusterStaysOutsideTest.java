package io.tcpemu.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The cluster sits beside the emulation, never inside it: nothing that emulates (core, runtime,
 * time, emulation, run, workload) knows io.tcpemu.cluster or Pekko Cluster, and only the cluster
 * package and the command line use them.
 */
class ClusterStaysOutsideTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.tcpemu");

    @Test
    void only_the_cluster_package_and_the_command_line_know_the_cluster() {
        noClasses().that().resideOutsideOfPackages("io.tcpemu.cluster..", "io.tcpemu.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tcpemu.cluster..", "org.apache.pekko.cluster..", "org.apache.pekko.remote..")
                .check(CLASSES);
    }
}
