package io.tcpemu.testkit;

import io.tcpemu.runtime.Errno;
import io.tcpemu.runtime.ErrnoException;
import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.tcpemu.tcp.Flags.ACK;
import static io.tcpemu.tcp.Flags.FIN;
import static io.tcpemu.tcp.Flags.SYN;
import static io.tcpemu.tcp.State.*;
import static io.tcpemu.testkit.ScenarioAssertions.assertThat;
import static io.tcpemu.testkit.Time.ms;
import static io.tcpemu.testkit.Time.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The testkit's own behaviour: queries, waiting, errors, and failures that explain themselves. */
class ScenarioApiTest {
    @RegisterExtension
    final ScenarioExtension scenarios = ScenarioExtension.of(() ->
            Scenario.builder().host("a").host("b").link("a", "b", ms(10)));

    /** a opens to b:80 and closes first; b closes when the FIN arrives; everything runs out. */
    private Scenario.Pair closedConnection(Scenario scenario) {
        Scenario.Pair c = scenario.open("a", "b", 80);
        c.client().close();
        scenario.runUntil(c.server(), CLOSE_WAIT);
        c.server().close();
        scenario.runUntilIdle();
        return c;
    }

    // ---- failures show the ladder -------------------------------------------------------------

    @Test
    void a_failed_connection_assertion_names_the_expectation_and_shows_the_ladder() {
        Scenario scenario = scenarios.get();
        Scenario.Pair c = closedConnection(scenario);

        assertThatThrownBy(() -> assertThat(scenario).connection(c.client()).passedThrough(FIN_WAIT_1, CLOSING))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected a#1 10.0.0.1:32768<->10.0.0.2:80 to pass through [FIN-WAIT-1, CLOSING]")
                .hasMessageContaining("never reached CLOSING after FIN-WAIT-1")
                .hasMessageContaining(Explain.HEADING)
                .hasMessageContaining("time (ms)  a 10.0.0.1:32768")
                .hasMessageContaining("FIN-WAIT-1 |-- FIN ACK seq=1 ack=1 ")
                .hasMessageContaining("| LAST-ACK");
    }

    @Test
    void a_failed_segment_assertion_shows_the_ladders_of_the_connections() {
        Scenario scenario = scenarios.get();
        closedConnection(scenario);

        assertThatThrownBy(() -> assertThat(scenario.segments().from("b").withFlags(FIN)).hasCount(2))
                .hasMessageContaining("expected 2 segments sent from b with FIN but there are 1")
                .hasMessageContaining("FIN ACK seq=1 ack=2 --| LAST-ACK");
    }

    @Test
    void the_extension_adds_the_ladder_to_plain_assertion_failures() {
        Scenario scenario = scenarios.get();
        scenario.open("a", "b", 80);
        AssertionError plain = new AssertionError("expected 3 but was 2");

        assertThatThrownBy(() -> scenarios.handleTestExecutionException(null, plain))
                .hasMessageStartingWith("expected 3 but was 2")
                .hasMessageContaining(Explain.HEADING)
                .hasMessageContaining("SYN-SENT |-- SYN seq=0 ");
        RuntimeException other = new IllegalStateException("not an assertion");
        assertThatThrownBy(() -> scenarios.handleTestExecutionException(null, other)).isSameAs(other);
    }

    @Test
    void run_until_a_state_that_never_comes_fails_with_the_ladder() {
        Scenario scenario = scenarios.get();
        Scenario.Pair c = scenario.open("a", "b", 80);

        assertThatThrownBy(() -> scenario.runUntil(c.client(), TIME_WAIT, s(5)))
                .hasMessageContaining("did not reach TIME-WAIT within 5000.000 ms; it is in ESTABLISHED")
                .hasMessageContaining("ESTABLISHED |-- ACK ack=1");
        assertThat(scenario.now()).isEqualTo(ms(30) + s(5));
    }

    // ---- queries ------------------------------------------------------------------------------

    @Test
    void segments_narrow_by_action_direction_flags_and_retransmission() {
        Scenario scenario = scenarios.get();
        scenario.rule("drop 1st syn");
        Conn client = scenario.open("a", "b", 80).client();

        assertThat(scenario.segments().from("a").withFlags(SYN).count()).isEqualTo(2);
        assertThat(scenario.segments().from("a").withFlags(SYN).retransmissions().count()).isEqualTo(1);
        assertThat(scenario.segments().dropped().first().segment().isSyn()).isTrue();
        assertThat(scenario.segments().delivered().to("a").withFlags(SYN, ACK).count()).isEqualTo(1);
        assertThat(scenario.segments().from("a").withoutFlags(SYN).count()).as("the third ACK").isEqualTo(1);
        assertThat(scenario.segments().of(client).count()).isEqualTo(4);
        assertThat(scenario.segments().from("a").withFlags(SYN).times()).containsExactly(0L, s(1));
        assertThat(scenario.segments().since(s(1)).until(s(1) + ms(15)).count()).as("retransmitted SYN, SYN-ACK").isEqualTo(2);
        assertThat(scenario.segments().withData().count()).isZero();
        assertThat(scenario.segments().from("b").withFlags(SYN).firstTransmissions().toString())
                .isEqualTo("segments sent from b with SYN, first transmissions");
    }

    @Test
    void expect_segment_waits_for_the_next_match_and_expect_no_segment_lets_time_pass() {
        Scenario scenario = scenarios.get();
        Scenario.Pair c = scenario.open("a", "b", 80);
        c.client().write("ping");

        var data = scenario.expectSegment(scenario.segments().delivered().to("b").withData(), ms(50));
        assertThat(data.time()).isEqualTo(ms(40));
        assertThat(c.server().read()).isEqualTo("ping");
        scenario.expectNoSegment(scenario.segments(), s(10));
        assertThat(scenario.now()).isEqualTo(ms(40) + s(10));

        assertThatThrownBy(() -> scenario.expectSegment(scenario.segments().withFlags(FIN), ms(100)))
                .hasMessageContaining("expected segments sent with FIN within 100.000 ms but none came")
                .hasMessageContaining(Explain.HEADING);
        c.client().close();
        assertThatThrownBy(() -> scenario.expectNoSegment(scenario.segments().delivered().to("b").withFlags(FIN), ms(20)))
                .hasMessageContaining("expected no segments delivered to b with FIN during 20.000 ms but got");
    }

    @Test
    void connection_history_and_time_in_each_state() {
        Scenario scenario = scenarios.get();
        Scenario.Pair c = closedConnection(scenario);

        assertThat(c.client().states()).containsExactly(CLOSED, SYN_SENT, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, TIME_WAIT, CLOSED);
        assertThat(c.client().timeIn(SYN_SENT)).isEqualTo(ms(20));
        assertThat(c.client().timeIn(TIME_WAIT)).isEqualTo(io.tcpemu.tcp.Profile.RFC9293.config().timeWait());
        assertThat(c.server().state()).isEqualTo(CLOSED);
        assertThat(scenario.connectionsOn("b")).containsExactly(c.server());
        assertThat(scenario.connections()).containsExactly(c.client().tuple());
        assertThat(scenario.ladder(c.client())).contains("TIME-WAIT |-- ACK ack=2");
    }

    // ---- calls and their errors ---------------------------------------------------------------------

    @Test
    void socket_errors_arrive_as_errno_exceptions() {
        Scenario scenario = scenarios.get();
        assertThatThrownBy(() -> scenario.connect("a", "b", 81))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ECONNREFUSED));
        scenario.listen("b", 80);
        assertThat(scenario.connectAsync("a", 0, "b", 80).errno()).isNull();
        assertThatThrownBy(() -> scenario.listen("b", 80))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EADDRINUSE));
    }

    @Test
    void half_close_keeps_the_other_direction_open_and_linger_zero_closes_with_a_reset() {
        Scenario scenario = scenarios.get();
        Scenario.Pair c = scenario.open("a", "b", 80);
        c.client().write("request").shutdown();
        assertThat(c.server().read()).isEqualTo("request");
        assertThat(c.server().read()).as("end of stream after a's FIN").isEmpty();
        c.server().write("response");
        assertThat(c.client().read()).isEqualTo("response");
        assertThat(c.client().state()).isEqualTo(FIN_WAIT_2);

        c.server().lingerZero().close();
        scenario.runUntil(c.client(), CLOSED);
        // The abort's RST, and b's host answering a's ACK of the response, which crossed it, with another.
        assertThat(scenario.segments().from("b").withFlags(Flags.RST)).happenedAt(ms(50), ms(60));
        assertThat(scenario).connection(c.server()).neverWasIn(LAST_ACK);
        assertThat(scenario).connection(c.client()).neverWasIn(TIME_WAIT).wasNotified(io.tcpemu.tcp.Notice.RESET);
    }

    @Test
    void the_same_seed_gives_the_same_trace() {
        List<String> first = lostSynExchange(7);
        assertThat(lostSynExchange(7)).isEqualTo(first);
        assertThat(first).contains("a --> b  <SEQ=100><CTL=SYN> (lost)", "a --> b  <SEQ=100><CTL=SYN> (retx)");
    }

    private static List<String> lostSynExchange(long seed) {
        try (Scenario scenario = Scenario.builder().host("a").host("b").link("a", "b", ms(3)).seed(seed)
                .rule("a", "b", "drop 1st syn").build()) {
            Conn client = scenario.open("a", "b", 80).client();
            client.write("x").close();
            scenario.runUntilIdle();
            return scenario.exchange(client);
        }
    }

    @Test
    void the_extension_starts_one_scenario_per_test_and_closes_it() {
        ScenarioExtension extension = ScenarioExtension.of(() -> Scenario.builder().host("a"));
        Scenario first = extension.get();
        assertThat((Object) extension.get()).isSameAs(first);
        Scenario second = extension.start(Scenario.builder().host("z"));
        assertThat(second.emulation().hostNames()).containsExactly("z");
        assertThatThrownBy(() -> first.advance(1)).as("the first was closed").isInstanceOf(IllegalStateException.class);
        extension.afterEach(null);
        assertThatThrownBy(() -> second.advance(1)).isInstanceOf(IllegalStateException.class);
        assertThat((Object) extension.get()).isNotSameAs(second);
        extension.afterEach(null);
    }

    @Test
    void an_end_the_test_only_watches_cannot_be_called() {
        Scenario scenario = scenarios.get();
        scenario.listen("b", 80);
        scenario.connect("a", "b", 80);
        Conn watched = scenario.connectionsOn("b").get(0);

        assertThat(watched.state()).as("a's ACK is still on its way").isEqualTo(State.SYN_RECEIVED);
        scenario.advance(ms(10));
        assertThat(watched.state()).isEqualTo(State.ESTABLISHED);
        assertThatThrownBy(watched::close).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was not opened or accepted by the test");
    }

    @Test
    void accept_with_nobody_connecting_fails_after_the_default_wait() {
        Scenario scenario = scenarios.get();
        Listener listener = scenario.listen("b", 80);
        assertThatThrownBy(listener::accept).hasMessageContaining("accept on b:80 (listening): no answer within 600000.000 ms");
    }

    @Test
    void rules_go_on_the_links_they_can_act_on_and_can_be_removed() {
        Scenario scenario = scenarios.start(Scenario.builder().host("a").host("b").host("c")
                .link("a", "b", ms(1)).link("a", "c", ms(1)));
        assertThat(scenario.rule("drop fin from a").links()).containsExactlyInAnyOrder("a->b", "a->c");
        assertThat(scenario.rule("drop 2nd syn").links()).hasSize(4);
        Rule synAck = scenario.rule("b", "a", "drop syn-ack");
        synAck.remove();
        scenario.listen("b", 80);
        scenario.connect("a", "b", 80);
        assertThat(scenario.segments().dropped().count()).isZero();

        assertThatThrownBy(() -> scenario.rule("drop fim from a")).hasMessageContaining("'fim' is not a segment kind");
        assertThatThrownBy(() -> scenario.rule("drop fin from d")).hasMessageContaining("no link leaves host 'd'");
        assertThatThrownBy(() -> scenario.rule("a", "b", "drop fin from b"))
                .hasMessageContaining("link a->b").hasMessageContaining("can never fire");
        assertThatThrownBy(() -> scenario.rule("b", "c", "drop fin")).hasMessageContaining("no link b->c");
    }

    @Test
    void inject_needs_a_link_between_the_addresses() {
        Scenario scenario = scenarios.get();
        var seg = io.tcpemu.tcp.Segment.control(io.tcpemu.tcp.SockAddr.of("10.0.0.9", 1), scenario.address("b", 80), 1, 0, Flags.SYN, 100);
        assertThatThrownBy(() -> scenario.inject(seg)).hasMessageContaining("no link from 10.0.0.9 to 10.0.0.2");
    }

    // ---- building -----------------------------------------------------------------------------------

    @Test
    void the_builder_names_what_is_wrong() {
        assertThatThrownBy(() -> Scenario.builder().host("a").host("a"))
                .hasMessage("host 'a' is declared twice");
        assertThatThrownBy(() -> Scenario.builder().host("a").ports("b", 1, 2))
                .hasMessage("ports(\"b\", ...): no host 'b' declared yet; hosts: a");
        assertThatThrownBy(() -> Scenario.builder().host("a", "10.0.0"))
                .hasMessageContaining("not an IPv4 address: '10.0.0'");
        assertThatThrownBy(() -> Scenario.builder().host("a").link("a", "z", 1).build())
                .hasMessageContaining("names host 'z', which is not declared");
        assertThatThrownBy(() -> Scenario.builder().build()).hasMessageContaining("at least one host");
        assertThatThrownBy(() -> Scenario.builder().host("a").host("b").link("a", "b", 1).rule("a", "c", "drop fin").build())
                .hasMessageContaining("link a->c, which is not declared");
        assertThatThrownBy(() -> Scenario.builder().host("a").host("b").link("a", "b", 1).rule("a", "b", "drop fim").build())
                .hasMessageContaining("'fim' is not a segment kind");
    }

    @Test
    void tcp_settings_apply_to_every_host_and_per_host_on_top() {
        Scenario scenario = scenarios.start(Scenario.builder().host("a").host("b").link("a", "b", ms(1))
                .tcp(t -> t.withTimeWait(s(2))).tcp("b", t -> t.withTimeWait(s(3))));
        Scenario.Pair c = scenario.open("a", "b", 80);
        c.client().close();
        c.server().close();
        scenario.runUntilIdle();
        assertThat(List.of(c.client().timeIn(TIME_WAIT), c.server().timeIn(TIME_WAIT))).containsExactly(s(2), s(3));
    }

    @Test
    void time_helpers_are_microseconds() {
        assertThat(List.of(Time.us(7), ms(7), s(7), Time.minutes(2))).containsExactly(7L, 7_000L, 7_000_000L, 120_000_000L);
        assertThat(Time.format(1_500)).isEqualTo("1.500 ms");
    }
}
