package io.tcpemu.testkit.examples;

import io.tcpemu.tcp.Profile;
import io.tcpemu.testkit.Scenario;
import io.tcpemu.testkit.ScenarioExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.tcpemu.tcp.Flags.FIN;
import static io.tcpemu.tcp.State.*;
import static io.tcpemu.testkit.ScenarioAssertions.assertThat;
import static io.tcpemu.testkit.Time.ms;
import static io.tcpemu.testkit.Time.s;

/**
 * A close race: when both ends close before either FIN has arrived, both pass through CLOSING
 * and both end in TIME-WAIT (two TIME-WAIT entries for one connection). With Linux's defaults,
 * TIME-WAIT lasts 60 s.
 */
class CloseRaceExampleTest {
    @RegisterExtension
    final ScenarioExtension scenarios = ScenarioExtension.of(() -> Scenario.builder()
            .host("a").host("b").link("a", "b", ms(10)).profile(Profile.LINUX));

    @Test
    void both_close_at_the_same_instant() {
        Scenario scenario = scenarios.get();
        Scenario.Pair c = scenario.open("a", "b", 80);
        c.client().close();
        c.server().close();

        scenario.runUntil(c.client(), TIME_WAIT).runUntil(c.server(), TIME_WAIT);
        assertThat(scenario).hasTimeWaitEntries("a", 1).hasTimeWaitEntries("b", 1);
        scenario.runUntilIdle();
        assertThat(scenario).connection(c.client())
                .wentThrough(CLOSED, SYN_SENT, ESTABLISHED, FIN_WAIT_1, CLOSING, TIME_WAIT, CLOSED)
                .stayedIn(TIME_WAIT, s(60));
        assertThat(scenario).connection(c.server()).passedThrough(ESTABLISHED, FIN_WAIT_1, CLOSING, TIME_WAIT, CLOSED)
                .neverWasIn(CLOSE_WAIT);
        assertThat(scenario.segments().withFlags(FIN)).hasCount(2);
    }

    /** Any gap shorter than the 10 ms flight of the first FIN still races. */
    @ParameterizedTest(name = "b closes {0} ms after a")
    @ValueSource(ints = {1, 5, 9})
    void the_second_close_before_the_first_fin_arrives_still_races(int gapMs) {
        Scenario scenario = scenarios.get();
        Scenario.Pair c = scenario.open("a", "b", 80);
        c.client().close();
        scenario.advance(ms(gapMs));
        c.server().close();
        scenario.runUntilIdle();

        assertThat(scenario).connection(c.client()).passedThrough(FIN_WAIT_1, CLOSING, TIME_WAIT);
        assertThat(scenario).connection(c.server()).passedThrough(FIN_WAIT_1, CLOSING, TIME_WAIT);
    }

    @Test
    void after_the_first_fin_arrived_it_is_an_ordinary_close() {
        Scenario scenario = scenarios.get();
        Scenario.Pair c = scenario.open("a", "b", 80);
        c.client().close();
        scenario.advance(ms(11));
        c.server().close();
        scenario.runUntilIdle();

        assertThat(scenario).connection(c.server()).passedThrough(CLOSE_WAIT, LAST_ACK, CLOSED).neverWasIn(TIME_WAIT);
        // Linux delays the ACK of a FIN, so the server's FIN 1 ms later carries it: a three-segment close.
        assertThat(scenario).connection(c.client()).passedThrough(FIN_WAIT_1, TIME_WAIT).neverWasIn(CLOSING).neverWasIn(FIN_WAIT_2);
    }
}
