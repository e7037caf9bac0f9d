package example;

import static io.tcpemu.tcp.Flags.*;
import static io.tcpemu.tcp.State.*;
import static io.tcpemu.testkit.ScenarioAssertions.assertThat;
import static io.tcpemu.testkit.Time.*;

import io.tcpemu.tcp.Profile;
import io.tcpemu.testkit.Scenario;
import io.tcpemu.testkit.ScenarioExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's scenario test, word for word, compiled and run from a project of its own. */
class LostFinalAckTest {
    @RegisterExtension
    final ScenarioExtension scenarios = ScenarioExtension.of(() -> Scenario.builder()
            .host("a").host("b").link("a", "b", ms(10)).profile(Profile.LINUX));

    @Test
    void b_retransmits_its_fin_after_the_rto_and_a_answers_from_time_wait() {
        Scenario scenario = scenarios.get();
        scenario.rule("drop 1st ack in TIME-WAIT from a");      // a's final ACK is lost
        Scenario.Pair c = scenario.open("a", "b", 80);          // listen, connect, accept
        c.client().close();
        scenario.runUntil(c.server(), CLOSE_WAIT);
        c.server().close();
        scenario.runUntil(c.client(), TIME_WAIT);

        scenario.expectSegment(scenario.segments().from("b").withFlags(FIN).retransmissions(), s(1));
        scenario.expectSegment(scenario.segments().from("a").withFlags(ACK).withoutFlags(FIN), ms(100));
        scenario.runUntilIdle();

        assertThat(scenario).connection(c.server()).passedThrough(LAST_ACK, CLOSED);
        assertThat(scenario).connection(c.client())
                .passedThrough(FIN_WAIT_1, TIME_WAIT, CLOSED)           // b closed at once: its FIN carried the ACK (linux)
                .stayedIn(TIME_WAIT, ms(200) + s(60));          // the retransmitted FIN restarted 2·MSL
    }
}
