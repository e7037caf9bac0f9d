package example;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Depending on tcpemu for its testkit brings no CLI, console, chart or benchmark library along. */
class TestClasspathTest {
    @ParameterizedTest
    @ValueSource(strings = {
            "picocli.CommandLine",                 // the tcpemu command line
            "picocli.codegen.docgen.manpage.ManPageGenerator",
            "org.jline.reader.LineReader",         // the console
            "org.knowm.xchart.XYChart",            // plots
            "org.openjdk.jmh.runner.Runner"})      // benchmarks
    void is_not_on_the_test_classpath(String className) {
        assertThrows(ClassNotFoundException.class, () -> Class.forName(className));
    }
}
