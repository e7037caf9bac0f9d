package io.tcpemu.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The cluster sits beside the emulation, never inside it: nothing that emulates (core, runtime,
 * time, emulation, run, workload) knows io.tcpemu.cluster or Pekko Cluster, and only the cluster
 * package, the command line and the bench (which spreads one emulation over node processes with
 * {@code cluster.DrivingNode}, as {@code tcpemu run --cluster} does) use them; the bench only
 * through io.tcpemu.cluster, never Pekko Cluster itself.
 */
class ClusterStaysOutsideTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.tcpemu");

    @Test
    void only_the_cluster_package_the_command_line_and_the_bench_know_the_cluster() {
        noClasses().that().resideOutsideOfPackages("io.tcpemu.cluster..", "io.tcpemu.cli..", "io.tcpemu.bench..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tcpemu.cluster..", "org.apache.pekko.cluster..", "org.apache.pekko.remote..")
                .check(CLASSES);
    }

    @Test
    void the_bench_uses_the_cluster_package_not_pekko_cluster() {
        noClasses().that().resideInAPackage("io.tcpemu.bench..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.pekko.cluster..", "org.apache.pekko.remote..")
                .check(CLASSES);
    }
}
