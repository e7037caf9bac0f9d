package io.tcpemu.console;

import io.tcpemu.tcp.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SocketCommandsTest {
    final ConsoleFixture f = new ConsoleFixture();

    @AfterEach void stop() { f.close(); }

    @Test
    void connect_runs_the_handshake_as_time_passes() {
        f.ok("listen b:80");
        assertThat(f.ok("connect a b:80")).contains("c1: connecting a -> 10.0.0.2:80");
        assertThat(f.session.conn("c1").state()).isEqualTo(State.SYN_SENT);
        assertThat(f.ok("step 20ms")).contains("now 20ms");
        assertThat(f.session.conn("c1").state()).isEqualTo(State.ESTABLISHED);
        assertThat(f.session.conn("b.conn1").state()).isEqualTo(State.ESTABLISHED);
        assertThat(f.eventsWith("a c1 CLOSED -> SYN-SENT")).hasSize(1);
        assertThat(f.eventsWith("a c1 SYN-SENT -> ESTABLISHED")).hasSize(1);
        assertThat(f.eventsWith("b b.conn1 SYN-RECEIVED -> ESTABLISHED")).hasSize(1);
        assertThat(f.ok("show")).contains("c1", "ESTABLISHED", "b.conn1");
    }

    @Test
    void bytes_written_on_one_end_are_read_on_the_other() {
        f.ok("listen b:80");
        f.ok("connect a b:80 as web");
        f.ok("run until web is ESTABLISHED");
        f.ok("write web \"hello there\"");
        f.ok("step 20ms");
        assertThat(f.ok("read b.conn1")).contains("11 bytes: hello there");
        assertThat(f.ok("read b.conn1")).contains("0 bytes");
    }

    @Test
    void close_on_both_sides_ends_in_time_wait_then_closed_after_two_msl() {
        f.established();
        f.ok("step 5ms");
        f.ok("close c1");
        assertThat(f.ok("run until b.conn1 is CLOSE-WAIT")).contains("b.conn1 is CLOSE-WAIT");
        f.ok("close b.conn1");
        assertThat(f.ok("run until c1 is TIME-WAIT")).contains("c1 is TIME-WAIT at");
        assertThat(f.ok("show host a")).contains("TIME-WAIT   10.0.0.1:");
        f.ok("run until c1 is CLOSED");
        assertThat(f.eventsWith("c1 TIME-WAIT -> CLOSED")).hasSize(1);
        assertThat(f.ok("show host a")).doesNotContain("TIME-WAIT   10.0.0.1");
    }

    @Test
    void so_linger_zero_makes_close_send_a_reset() {
        f.established();
        f.ok("step 5ms");
        assertThat(f.ok("setopt c1 so_linger 0")).contains("close will send RST");
        f.ok("close c1");
        f.ok("step 20ms");
        assertThat(f.eventsWith("a sent", "[R")).isNotEmpty();
        assertThat(f.session.conn("b.conn1").state()).isEqualTo(State.CLOSED);
        assertThat(f.eventsWith("b.conn1 reset by the peer")).hasSize(1);
    }

    @Test
    void shutdown_half_closes_and_the_other_side_still_writes() {
        f.established();
        f.ok("shutdown c1");
        f.ok("run until b.conn1 is CLOSE-WAIT");
        assertThat(f.ok("read b.conn1")).isEqualTo("b.conn1: 0 bytes (end of stream)\n");
        f.ok("write b.conn1 late");
        assertThat(f.ok("run for 20ms")).isEqualTo("now 40ms\n");
        assertThat(f.session.conn("c1").state()).isEqualTo(State.FIN_WAIT_2);
        assertThat(f.ok("read c1")).isEqualTo("c1: 4 bytes: late\n");
    }

    @Test
    void abort_sends_a_reset_and_skips_time_wait() {
        f.established();
        f.ok("abort c1");
        assertThat(f.session.conn("c1").state()).isEqualTo(State.CLOSED);
        f.ok("run until idle");
        assertThat(f.session.conn("b.conn1").state()).isEqualTo(State.CLOSED);
        assertThat(f.ok("show host a")).doesNotContain("TIME-WAIT   ");
        assertThat(f.ok("now")).isEqualTo("now 20ms\n");
    }

    @Test
    void connecting_to_a_closed_port_is_refused() {
        f.ok("connect a b:81");
        f.ok("step 20ms");
        assertThat(f.eventsWith("c1: connect", "ECONNREFUSED")).hasSize(1);
        assertThat(f.ok("show")).contains("ECONNREFUSED");
    }

    @Test
    void commands_on_a_connection_before_it_is_established_say_so() {
        f.ok("listen b:80");
        f.ok("connect a b:80");
        assertThat(f.error("close c1")).contains("c1 is SYN-SENT, not connected yet").contains("step");
    }

    @Test
    void a_write_on_a_connection_the_peer_reset_fails_with_econnreset_then_epipe() {
        f.established();
        f.ok("abort b.conn1");
        f.ok("step 10ms");
        assertThat(f.session.conn("c1").state()).isEqualTo(State.CLOSED);

        assertThat(f.ok("write c1 hello")).isEqualTo("c1: write failed: ECONNRESET (connection reset by peer)\n")
                .doesNotContain("writing");
        assertThat(f.ok("write c1 hello")).isEqualTo("c1: write failed: EPIPE (broken pipe)\n");
        assertThat(f.session.failedCalls()).containsExactly(
                "c1: write: ECONNRESET (connection reset by peer)", "c1: write: EPIPE (broken pipe)");
    }

    @Test
    void unlisten_closes_a_listener_and_says_when_there_is_none() {
        f.ok("listen b:80");
        assertThat(f.ok("unlisten b:80")).isEqualTo("b: no longer listening on port 80\n");
        f.ok("connect a b:80");
        f.ok("step 20ms");
        assertThat(f.session.conn("c1").error()).isEqualTo("ECONNREFUSED");
        assertThat(f.error("unlisten b:80")).isEqualTo("nothing listens on b:80 — 'show host b' lists the listeners");
    }

    /** Issue 21: "ports in use" counted the listener in the console and only a host's connects in 'tcpemu run'. */
    @Test
    void ports_in_use_are_the_ones_a_hosts_connects_hold_as_in_run() {
        f.established();
        assertThat(f.ok("show counters b")).as("a listener and an accepted connection hold no ephemeral port").contains("ports in use 0,");
        assertThat(f.ok("show counters a")).contains("ports in use 1,");
    }
}
