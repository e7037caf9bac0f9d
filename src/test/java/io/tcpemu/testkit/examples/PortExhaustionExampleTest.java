package io.tcpemu.testkit.examples;

import io.tcpemu.tcp.Profile;
import io.tcpemu.testkit.Conn;
import io.tcpemu.testkit.Scenario;
import io.tcpemu.testkit.ScenarioExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.tcpemu.runtime.Errno.EADDRNOTAVAIL;
import static io.tcpemu.tcp.State.*;
import static io.tcpemu.testkit.ScenarioAssertions.assertThat;
import static io.tcpemu.testkit.Time.ms;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Port exhaustion: a client with two ephemeral ports closes two connections first, so both ports
 * sit in TIME-WAIT for 2·MSL; a third connect to the same server gets EADDRNOTAVAIL until then.
 */
class PortExhaustionExampleTest {
    static final long TWO_MSL = Profile.RFC9293.config().timeWait(); // 2·MSL = 4 minutes

    @RegisterExtension
    final ScenarioExtension scenarios = ScenarioExtension.of(() -> Scenario.builder()
            .host("a").host("b").link("a", "b", ms(1))
            .ports("a", 50000, 50001));

    @Test
    void time_wait_holds_the_ports_until_two_msl_have_passed() {
        Scenario scenario = scenarios.get();
        Conn first = openAndCloseFromTheClient(scenario);
        openAndCloseFromTheClient(scenario);
        assertThat(scenario).hasTimeWaitEntries("a", 2);

        assertThat(scenario.connectAsync("a", 0, "b", 80).errno()).isEqualTo(EADDRNOTAVAIL);

        scenario.runUntil(first, CLOSED, TWO_MSL);
        assertThat(scenario).connection(first).stayedIn(TIME_WAIT, TWO_MSL);
        Conn again = scenario.connect("a", "b", 80);
        assertThat(again.tuple().local().port()).as("the port the first connection freed").isEqualTo(50000);
    }

    /** Opens a→b:80 and closes it, a first, until a is in TIME-WAIT. */
    private static Conn openAndCloseFromTheClient(Scenario scenario) {
        Scenario.Pair c = scenario.open("a", "b", 80);
        c.client().close();
        scenario.runUntil(c.server(), CLOSE_WAIT);
        c.server().close();
        scenario.runUntil(c.client(), TIME_WAIT);
        return c.client();
    }
}
