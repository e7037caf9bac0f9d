package io.tcpemu.console;

import io.tcpemu.tcp.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What a scenario's script needs from the language: named accepts, byte counts after a half-close, failed calls, checks before a run. */
class ScenarioCommandsTest {
    final ConsoleFixture f = new ConsoleFixture();

    @AfterEach void stop() { f.close(); }

    @Test
    void accept_as_names_the_next_connection_the_listener_accepts() {
        f.ok("listen b:80");
        assertThat(f.ok("accept b:80 as s1")).contains("s1: the next connection b:80 accepts");
        f.ok("connect a b:80 as c1");
        f.ok("connect a b:80 as c2");
        f.ok("run until s1 is ESTABLISHED");
        assertThat(f.session.conn("s1").host()).isEqualTo("b");
        assertThat(f.session.conn("s1").active()).isFalse();
        assertThat(f.session.conn("c1").active()).isTrue();
        assertThat(f.session.conn("s1").tuple().remote()).isEqualTo(f.session.conn("c1").tuple().local());
        f.ok("step 20ms");
        // the next one gets the usual name; the names keep the order they were given
        assertThat(f.session.conn("b.conn1").tuple().remote()).isEqualTo(f.session.conn("c2").tuple().local());
        assertThat(f.session.connIds()).containsExactly("s1", "c1", "c2", "b.conn1");
    }

    @Test
    void bytes_received_after_a_half_close_are_counted_apart() {
        f.ok("listen b:80");
        f.ok("accept b:80 as s1");
        f.ok("connect a b:80 as c1");
        f.ok("run until s1 is ESTABLISHED");
        f.ok("write s1 --bytes 300");
        f.ok("step 20ms");
        f.ok("shutdown c1");
        f.ok("write s1 --bytes 5000");
        f.ok("step 50ms");
        NamedConnection c1 = f.session.conn("c1");
        assertThat(c1.state()).isEqualTo(State.FIN_WAIT_2);
        assertThat(c1.bytesReceived()).isEqualTo(5300);
        assertThat(c1.bytesAfterClose()).isEqualTo(5000);
        assertThat(f.session.conn("s1").bytesReceived()).isZero();
    }

    @Test
    void a_refused_connect_is_a_failed_call_not_a_command_error() {
        f.ok("connect a b:81 as c1");
        f.ok("step 20ms");
        assertThat(f.session.conn("c1").failedCalls()).containsExactly("connect 10.0.0.2:81: ECONNREFUSED (connection refused)");
        assertThat(f.session.failedCalls()).containsExactly("c1: connect 10.0.0.2:81: ECONNREFUSED (connection refused)");
    }

    @Test
    void check_reads_a_line_and_its_names_without_running_it() {
        Set<String> named = new LinkedHashSet<>();
        for (String line : List.of("listen b:80", "accept b:80 as s1", "connect a b:80", "connect a:5000 b:80 as web", "write c1 --bytes 10", "close s1")) {
            assertThat(f.language.check(line, named)).as(line).isEmpty();
        }
        assertThat(named).containsExactly("s1", "c1", "web");
        assertThat(f.language.check("close c9", named)).isEqualTo("no connection 'c9' named by an earlier step (named: s1, c1, web)");
        assertThat(f.language.check("conect a b:80", named)).startsWith("unknown command 'conect' — did you mean 'connect'?");
        assertThat(f.language.check("accept b:80", named)).contains("as NAME");
        assertThat(f.language.check("close b.conn1", named)).as("a host's accepted connection may come").isEmpty();
        assertThat(f.session.conns()).as("nothing ran").isEmpty();
        assertThat(f.session.emulation().now()).isZero();
    }
}
