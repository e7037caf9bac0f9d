package io.tcpemu.testkit.examples;

import io.tcpemu.testkit.Conn;
import io.tcpemu.testkit.Scenario;
import io.tcpemu.testkit.ScenarioExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.tcpemu.tcp.Flags.FIN;
import static io.tcpemu.tcp.State.*;
import static io.tcpemu.testkit.ScenarioAssertions.assertThat;
import static io.tcpemu.testkit.Time.ms;
import static org.assertj.core.api.Assertions.assertThat;

class NormalCloseExampleTest {
    @RegisterExtension
    final ScenarioExtension scenarios = ScenarioExtension.of(() ->
            Scenario.builder().host("a").host("b").link("a", "b", ms(10)));

    @Test
    void smoke() {
        Scenario scenario = scenarios.get();
        Scenario.Pair c = scenario.open("a", "b", 80);
        c.client().write("hello");
        assertThat(c.server().read()).isEqualTo("hello");
        c.client().close();
        scenario.runUntil(c.server(), CLOSE_WAIT);
        c.server().close();
        scenario.runUntilIdle();
        System.out.println(scenario.ladder(c.client()));
        System.out.println(scenario.exchange(c.client()));
        System.out.println(c.client().states() + " " + c.server().states() + " " + scenario.now());
        assertThat(scenario).connection(c.client()).passedThrough(FIN_WAIT_1, FIN_WAIT_2, TIME_WAIT, CLOSED);
        assertThat(scenario.segments().from("b").withFlags(FIN)).hasCount(1);
    }
}
