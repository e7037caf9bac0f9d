package io.tcpemu.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** The TCP core stays sans-IO: no actors, no threads, no clocks, no networking. */
class CoreIsPureTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tcpemu.tcp");
    }

    @Test
    void core_is_imported() {
        assertThat(core.contain("io.tcpemu.tcp.Segment")).isTrue();
    }

    @Test
    void core_does_not_use_pekko_scala_or_the_runtime() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.apache.pekko..", "scala..", "io.tcpemu.runtime..", "io.tcpemu.time..")
                .check(core);
    }

    @Test
    void core_does_not_use_threads_clocks_or_sockets() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("java.util.concurrent..", "java.net..", "java.nio.channels..", "java.time..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .check(core);
    }
}
