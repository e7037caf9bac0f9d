package io.tcpemu.testkit.examples;

import io.tcpemu.tcp.Profile;
import io.tcpemu.testkit.Scenario;
import io.tcpemu.testkit.ScenarioExtension;
import io.tcpemu.trace.TraceEvent.SegmentEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.tcpemu.tcp.Flags.ACK;
import static io.tcpemu.tcp.Flags.FIN;
import static io.tcpemu.tcp.State.*;
import static io.tcpemu.testkit.ScenarioAssertions.assertThat;
import static io.tcpemu.testkit.Time.ms;
import static io.tcpemu.testkit.Time.s;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why TIME-WAIT exists, in one story: a closes first; its final ACK of b's FIN is lost; b, in
 * LAST-ACK, retransmits its FIN after an RTO; a, still in TIME-WAIT, answers it with the ACK again
 * (and restarts its 2·MSL), so b closes cleanly instead of being left hanging or reset.
 * Linux's defaults: RTO floor 200 ms, TIME-WAIT 60 s.
 */
class LostFinalAckExampleTest {
    static final long RTO = Profile.LINUX.config().rtoMin();

    @RegisterExtension
    final ScenarioExtension scenarios = ScenarioExtension.of(() -> Scenario.builder()
            .host("a").host("b").link("a", "b", ms(10)).profile(Profile.LINUX));

    @Test
    void b_retransmits_its_fin_after_the_rto_and_a_answers_from_time_wait() {
        Scenario scenario = scenarios.get();
        scenario.rule("drop 1st ack in TIME-WAIT from a");
        Scenario.Pair c = scenario.open("a", "b", 80);
        c.client().close();
        scenario.runUntil(c.server(), CLOSE_WAIT);
        c.server().close();
        scenario.runUntil(c.client(), TIME_WAIT);

        SegmentEvent fin = scenario.segments().from("b").withFlags(FIN).first();
        SegmentEvent retransmitted = scenario.expectSegment(scenario.segments().from("b").withFlags(FIN).retransmissions(), s(1));
        assertThat(retransmitted.time() - fin.time()).as("one RTO after the first FIN").isEqualTo(RTO);
        SegmentEvent answer = scenario.expectSegment(scenario.segments().from("a").withFlags(ACK).withoutFlags(FIN), ms(100));
        assertThat(answer.time() - retransmitted.time()).as("a answers as the FIN arrives").isEqualTo(ms(10));

        scenario.runUntilIdle();
        assertThat(scenario.segments().dropped()).hasCount(1);
        assertThat(scenario).connection(c.server()).passedThrough(CLOSE_WAIT, LAST_ACK, CLOSED);
        // b closed as soon as it saw the FIN, so its FIN carried the (delayed) ACK: no FIN-WAIT-2 for a.
        assertThat(scenario).connection(c.client())
                .wentThrough(CLOSED, SYN_SENT, ESTABLISHED, FIN_WAIT_1, TIME_WAIT, CLOSED)
                .stayedIn(TIME_WAIT, RTO + s(60)); // restarted by the retransmitted FIN
    }

    @Test
    void a_lost_fin_is_retransmitted_after_the_rto() {
        Scenario scenario = scenarios.get();
        scenario.rule("drop 1st fin from a");
        Scenario.Pair c = scenario.open("a", "b", 80);
        c.client().close();
        scenario.runUntil(c.client(), FIN_WAIT_2);

        assertThat(scenario.segments().from("a").withFlags(FIN)).happenedAt(ms(30), ms(30) + RTO);
        assertThat(scenario).connection(c.server()).isIn(CLOSE_WAIT);
    }
}
