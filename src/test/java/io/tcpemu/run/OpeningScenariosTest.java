package io.tcpemu.run;

import io.tcpemu.metrics.Counter;
import io.tcpemu.tcp.State;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tcpemu.run.ScenarioTesting.run;
import static io.tcpemu.run.ScenarioTesting.single;
import static org.assertj.core.api.Assertions.assertThat;

/** The shipped scenarios about opening a connection: handshake, two-way ghost, simultaneous open, refused, SYN loss. */
class OpeningScenariosTest {

    @Test
    void handshake_takes_both_state_paths_and_passes() {
        RunResult r = single("handshake");
        assertThat(r.passed()).as(r.verdict()).isTrue();
        assertThat(r.metrics().transitions(State.CLOSED, State.SYN_SENT)).isEqualTo(1);
        assertThat(r.metrics().transitions(State.SYN_SENT, State.ESTABLISHED)).isEqualTo(1);
        assertThat(r.metrics().transitions(State.LISTEN, State.SYN_RECEIVED)).isEqualTo(1);
        assertThat(r.metrics().transitions(State.SYN_RECEIVED, State.ESTABLISHED)).isEqualTo(1);
        assertThat(r.count(Counter.SEGMENTS_SENT)).isEqualTo(3);
        assertThat(r.connection("c1").finalState()).isEqualTo(State.ESTABLISHED);
        assertThat(r.connection("s1").host()).isEqualTo("server");
        assertThat(r.events()).isNotEmpty();
    }

    /**
     * The handshake is over at 25 ms: sampled every 100 ms its plots had two samples, at 0 and at
     * the end, and drew the client's port taken at 25 ms. Sampled every millisecond they show the
     * port taken at 10 ms (the connect) and the connection established at 20 ms (the SYN-ACK).
     */
    @Test
    void the_short_scenarios_are_sampled_finely_enough_to_show_when_things_happen() {
        io.tcpemu.metrics.HostSeries client = single("handshake").metrics().host("client");
        assertThat(client.interval()).isEqualTo(1_000);
        assertThat(firstSample(client, k -> client.portsInUse(k) > 0)).isEqualTo(10_000);
        assertThat(firstSample(client, k -> client.inState(k, State.ESTABLISHED) > 0)).isEqualTo(20_000);
        assertThat(single("simultaneous-open").metrics().host("a").interval()).isEqualTo(1_000);
        assertThat(single("refused").metrics().host("client").interval()).isEqualTo(1_000);
    }

    /** The time of the first sample for which {@code holds} is true, or -1. */
    private static long firstSample(io.tcpemu.metrics.HostSeries s, java.util.function.IntPredicate holds) {
        for (int k = 0; k < s.samples(); k++) if (holds.test(k)) return s.time(k);
        return -1;
    }

    @Test
    void an_old_duplicate_syn_opens_a_ghost_only_with_the_two_way_handshake() {
        List<RunResult> runs = run("two-way-handshake");
        assertThat(runs).extracting(RunResult::label)
                .containsExactly("1-three-way", "2-two-way");
        RunResult threeWay = runs.get(0), twoWay = runs.get(1);
        assertThat(runs).allSatisfy(r -> assertThat(r.passed()).as(r.verdict()).isTrue());
        // the real connection, and in the two-way run the ghost the old SYN opened by itself
        assertThat(threeWay.passiveEstablished("server")).isEqualTo(1);
        assertThat(twoWay.passiveEstablished("server")).isEqualTo(2);
        // three-way: the old SYN got only as far as SYN-RECEIVED, and the client's RST ended it there
        assertThat(threeWay.metrics().transitions(State.LISTEN, State.SYN_RECEIVED)).isEqualTo(2);
        assertThat(threeWay.count(Counter.SEGMENTS_DUPLICATED)).isEqualTo(1);
        // two-way: the ghost was a full connection that had to be reset
        assertThat(twoWay.count(Counter.RESET)).isEqualTo(threeWay.count(Counter.RESET) + 1);
    }

    @Test
    void simultaneous_open_goes_through_syn_received_on_both_sides() {
        RunResult r = single("simultaneous-open");
        assertThat(r.passed()).as(r.verdict()).isTrue();
        assertThat(r.metrics().transitions(State.SYN_SENT, State.SYN_RECEIVED)).isEqualTo(2);
        assertThat(r.metrics().transitions(State.SYN_RECEIVED, State.ESTABLISHED)).isEqualTo(2);
        assertThat(r.passiveEstablished("a") + r.passiveEstablished("b")).isZero();
    }

    @Test
    void a_closed_port_refuses_with_rst() {
        RunResult r = single("refused");
        assertThat(r.passed()).as(r.verdict()).isTrue();
        assertThat(r.count(Counter.REFUSED)).isEqualTo(1);
        assertThat(r.count(Counter.RSTS_SENT)).isEqualTo(1);
        assertThat(r.connection("c1").error()).contains("ECONNREFUSED");
        assertThat(r.outcomes()).containsExactly("c1: connect 10.0.0.2:81: ECONNREFUSED (connection refused)");
    }

    @Test
    void lost_syns_back_off_until_etimedout() {
        RunResult r = single("syn-loss");
        assertThat(r.passed()).as(r.verdict()).isTrue();
        assertThat(r.count(Counter.SEGMENTS_SENT)).isEqualTo(4);
        assertThat(r.count(Counter.RETRANSMISSIONS)).isEqualTo(3);
        // SYN at 10 ms, then after 1 s, 2 s, 4 s; gives up 8 s after the last: 15 s in SYN-SENT
        assertThat(r.metrics().lifetime().max()).isEqualTo(15_000_000L);
        assertThat(r.connection("c1").error()).contains("ETIMEDOUT");
    }
}
