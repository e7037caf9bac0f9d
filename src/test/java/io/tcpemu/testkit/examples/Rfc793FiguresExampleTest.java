package io.tcpemu.testkit.examples;

import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.Segment;
import io.tcpemu.testkit.Conn;
import io.tcpemu.testkit.Connecting;
import io.tcpemu.testkit.Scenario;
import io.tcpemu.testkit.ScenarioExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.tcpemu.tcp.Notice.RESET;
import static io.tcpemu.tcp.State.*;
import static io.tcpemu.testkit.ScenarioAssertions.assertThat;
import static io.tcpemu.testkit.Time.ms;
import static io.tcpemu.testkit.Time.s;
import static io.tcpemu.testkit.Time.us;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 793 figures 7 to 14 (RFC 9293 §3.5, §3.6) played by real hosts over links: socket calls,
 * fault rules and injected segments, on the virtual clock. Each test reads like its figure:
 * {@code scenario.exchange(end)} prints the segments as the RFC does, A's ISN as 100 and B's as 300.
 * Hosts a (10.0.0.1) and b (10.0.0.2) are 10 ms apart and follow the letter of RFC 9293.
 */
class Rfc793FiguresExampleTest {
    @RegisterExtension
    final ScenarioExtension scenarios = ScenarioExtension.of(() ->
            Scenario.builder().host("a").host("b").link("a", "b", ms(10)).profile(Profile.RFC9293));

    @Test
    void figure_7_basic_three_way_handshake() {
        Scenario scenario = scenarios.get();
        Scenario.Pair c = scenario.open("a", "b", 80);
        c.client().write("hello");
        scenario.advance(ms(20));

        assertThat(scenario.exchange(c.client())).containsExactly(
                "a --> b  <SEQ=100><CTL=SYN>",
                "a <-- b  <SEQ=300><ACK=101><CTL=SYN,ACK>",
                "a --> b  <SEQ=101><ACK=301><CTL=ACK>",
                "a --> b  <SEQ=101><ACK=301><CTL=ACK><DATA=5>",
                "a <-- b  <SEQ=301><ACK=106><CTL=ACK>");
        assertThat(scenario).connection(c.client()).wentThrough(CLOSED, SYN_SENT, ESTABLISHED);
        assertThat(scenario).connection(c.server()).wentThrough(CLOSED, LISTEN, SYN_RECEIVED, ESTABLISHED);
        assertThat(c.server().read()).isEqualTo("hello");
    }

    @Test
    void figure_8_simultaneous_open() {
        Scenario scenario = scenarios.get();
        // Both connect, each from the port the other connects to, at the same instant.
        Connecting fromA = scenario.connectAsync("a", 40000, "b", 80);
        Connecting fromB = scenario.connectAsync("b", 80, "a", 40000);
        Conn a = fromA.await();
        Conn b = fromB.await();

        assertThat(scenario.exchange(a)).containsExactly(
                "a --> b  <SEQ=100><CTL=SYN>",
                "a <-- b  <SEQ=300><CTL=SYN>",
                // The figure draws a's SYN,ACK first; here both leave at 10 ms, b's a moment earlier.
                "a <-- b  <SEQ=300><ACK=101><CTL=SYN,ACK>",
                "a --> b  <SEQ=100><ACK=301><CTL=SYN,ACK>");
        assertThat(scenario).connection(a).wentThrough(CLOSED, SYN_SENT, SYN_RECEIVED, ESTABLISHED);
        assertThat(scenario).connection(b).wentThrough(CLOSED, SYN_SENT, SYN_RECEIVED, ESTABLISHED);
    }

    @Test
    void figure_9_recovery_from_old_duplicate_syn() {
        // 100 µs links; a's real SYN is held 400 µs more, so b's second ISN is 100 ticks (of 4 µs)
        // after its first: 400 where the first was 300, as in the figure.
        Scenario scenario = scenarios.start(Scenario.builder().host("a").host("b").link("a", "b", us(100))
                .rule("a", "b", "delay 1st syn from a 400us"));
        scenario.listen("b", 80);
        Connecting connecting = scenario.connectAsync("a", 40000, "b", 80);
        int isn = scenario.segments().from("a").withFlags(Flags.SYN).first().segment().seq();
        scenario.inject(Segment.control(scenario.address("a", 40000), scenario.address("b", 80), isn - 10, 0, Flags.SYN, 65535));
        Conn a = connecting.await();

        assertThat(scenario.exchange(a)).containsExactly(
                "a --> b  <SEQ=100><CTL=SYN>",
                "a --> b  <SEQ=90><CTL=SYN> (injected)",
                "a <-- b  <SEQ=300><ACK=91><CTL=SYN,ACK>",
                "a --> b  <SEQ=91><CTL=RST>",
                "a <-- b  <SEQ=400><ACK=101><CTL=SYN,ACK>",
                "a --> b  <SEQ=101><ACK=401><CTL=ACK>");
        Conn oldChild = scenario.connectionsOn("b").get(0);
        assertThat(scenario).connection(oldChild).passedThrough(SYN_RECEIVED, LISTEN, CLOSED);
        assertThat(scenario).connection(a).wentThrough(CLOSED, SYN_SENT, ESTABLISHED);
    }

    @Test
    void figure_10_half_open_connection_discovery() {
        Scenario scenario = scenarios.get();
        scenario.listen("b", 80);
        Conn a = scenario.connect("a", 40000, "b", 80);
        scenario.advance(ms(10));
        Conn b = scenario.connectionsOn("b").get(0);
        a.crash();
        // At 1.2 s a, rebooted, connects again from the same port: its ISN has moved on by 1.2 s / 4 µs.
        scenario.advanceTo(ms(1200));
        Conn again = scenario.connect("a", 40000, "b", 80);

        assertThat(scenario.exchange(again)).containsSequence(
                "a --> b  <SEQ=300100><CTL=SYN>",
                "a <-- b  <SEQ=301><ACK=101><CTL=ACK>",
                "a --> b  <SEQ=101><CTL=RST>",
                "a --> b  <SEQ=300100><CTL=SYN> (retx)");
        assertThat(scenario).connection(b).isIn(CLOSED).wasNotified(RESET);
        assertThat(scenario).connection(again).isIn(ESTABLISHED);
    }

    @Test
    void figure_11_active_side_causes_half_open_connection_discovery() {
        Scenario scenario = scenarios.get();
        Scenario.Pair c = scenario.open("a", "b", 80);
        c.client().crash();
        c.server().write("0123456789");
        scenario.runUntil(c.server(), CLOSED);

        assertThat(scenario.exchange(c.client())).endsWith(
                "a <-- b  <SEQ=301><ACK=101><CTL=ACK><DATA=10>",
                "a --> b  <SEQ=101><CTL=RST>");
        assertThat(scenario).connection(c.server()).wasNotified(RESET).neverWasIn(TIME_WAIT);
    }

    @Test
    void figure_12_old_duplicate_syn_initiates_a_reset_on_two_passive_sockets() {
        Scenario scenario = scenarios.get();
        scenario.listen("a", 40000);
        scenario.listen("b", 80);
        scenario.inject(Segment.control(scenario.address("a", 40000), scenario.address("b", 80), 7777, 0, Flags.SYN, 65535));
        scenario.advance(ms(100));

        Conn child = scenario.connectionsOn("b").get(0);
        // Seen from b's child, so b is on the left here; numbered as the figure (A 100, B 300).
        assertThat(scenario.exchange(child, 300, 100)).containsExactly(
                "b <-- a  <SEQ=100><CTL=SYN> (injected)",
                "b --> a  <SEQ=300><ACK=101><CTL=SYN,ACK>",
                "b <-- a  <SEQ=101><CTL=RST>");
        assertThat(scenario).connection(child).passedThrough(SYN_RECEIVED, LISTEN);
        assertThat(scenario.connectionsOn("a")).as("a's listener answered without making a connection").isEmpty();
    }

    @Test
    void figure_13_normal_close_sequence() {
        Scenario scenario = scenarios.get();
        Scenario.Pair c = scenario.open("a", "b", 80);
        c.client().close();
        scenario.runUntil(c.server(), CLOSE_WAIT).advance(ms(10));
        c.server().close();
        scenario.runUntilIdle();

        assertThat(scenario.exchange(c.client(), 99, 299)).endsWith(
                "a --> b  <SEQ=100><ACK=300><CTL=FIN,ACK>",
                "a <-- b  <SEQ=300><ACK=101><CTL=ACK>",
                "a <-- b  <SEQ=300><ACK=101><CTL=FIN,ACK>",
                "a --> b  <SEQ=101><ACK=301><CTL=ACK>");
        assertThat(scenario).connection(c.client())
                .passedThrough(ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, TIME_WAIT, CLOSED)
                .stayedIn(TIME_WAIT, 2 * Profile.RFC9293.config().msl());
        assertThat(scenario).connection(c.server()).passedThrough(ESTABLISHED, CLOSE_WAIT, LAST_ACK, CLOSED);
    }

    @Test
    void figure_14_simultaneous_close_sequence() {
        Scenario scenario = scenarios.get();
        Scenario.Pair c = scenario.open("a", "b", 80);
        c.client().close();
        c.server().close();
        scenario.runUntilIdle();

        assertThat(scenario.exchange(c.client(), 99, 299)).endsWith(
                "a --> b  <SEQ=100><ACK=300><CTL=FIN,ACK>",
                "a <-- b  <SEQ=300><ACK=100><CTL=FIN,ACK>",
                "a <-- b  <SEQ=301><ACK=101><CTL=ACK>",
                "a --> b  <SEQ=101><ACK=301><CTL=ACK>");
        assertThat(scenario).connection(c.client()).passedThrough(FIN_WAIT_1, CLOSING, TIME_WAIT, CLOSED);
        assertThat(scenario).connection(c.server()).passedThrough(FIN_WAIT_1, CLOSING, TIME_WAIT, CLOSED);
        assertThat(scenario.now()).as("both wait 2·MSL from the ACKs' arrival at 50 ms").isEqualTo(ms(50) + s(240));
    }
}
