package io.tcpemu.runtime;

import io.tcpemu.tcp.State;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.tcpemu.tcp.TcpConfig.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A {@link SocketRef} addresses one connection end through its host (endpoints are no actors):
 * calls reach that connection's endpoint and no other, a socket whose endpoint is gone is
 * answered as a dead socket, and whoever watches an endpoint hears when it is gone.
 */
class SocketAddressingTest extends TwoHostTest {

    @Test
    void a_socket_of_an_ended_connection_never_reaches_a_later_connection_on_the_same_tuple() {
        start(a(), b());
        ListeningSocket listener = fx.await(sockets.listen("b", 80, 8, false));
        Pair first = connect(listener, 40000);
        fx.await(first.client().abort());                     // RST: no TIME-WAIT, the tuple is free at once
        fx.runUntilIdle(SECOND);
        Pair second = connect(listener, 40000);
        assertThat(second.client().tuple()).isEqualTo(first.client().tuple());
        assertThat(second.client().ref().connId()).isNotEqualTo(first.client().ref().connId());

        first.client().ref().tell(new Endpoint.Abort(null));  // to the old connection: gone, so nobody hears it
        first.client().ref().tell(new Endpoint.Write(new byte[100], null));
        fx.runUntilIdle(SECOND);

        assertThat(fx.await(second.client().info()).state()).isEqualTo(State.ESTABLISHED);
        assertThat(fx.await(second.server().info()).state()).isEqualTo(State.ESTABLISHED);
        assertThat(fx.await(sockets.poll(second.server())).readable()).as("no byte of the old socket's write arrived").isFalse();
    }

    @Test
    void calls_on_a_socket_whose_endpoint_is_gone_get_the_dead_socket_answers() {
        start(a(), b());
        ListeningSocket listener = fx.await(sockets.listen("b", 80, 8, false));
        Pair pair = connect(listener, 0);
        fx.await(pair.client().abort());
        fx.runUntilIdle(SECOND);

        ConnectedSocket gone = pair.client();
        assertThat(fx.awaitErrno(gone.write(new byte[10]))).isEqualTo(Errno.EPIPE);
        assertThat(fx.await(gone.read(10))).isEmpty();
        assertThat(fx.await(sockets.soError(gone))).isEmpty();
        assertThat(fx.await(sockets.poll(gone))).isEqualTo(Readiness.ENDED);
        fx.await(gone.close());
        assertThatThrownBy(() -> fx.await(gone.info())).isInstanceOf(Sockets.Gone.class).hasMessageContaining(gone.ref().toString());
        // the server's end was reset but its user still holds it: a live (defunct) socket, which answers itself
        assertThat(fx.await(pair.server().info()).state()).isEqualTo(State.CLOSED);
        assertThat(fx.awaitErrno(pair.server().read(10))).isEqualTo(Errno.ECONNRESET);
    }

    @Test
    void a_watcher_hears_when_the_endpoint_is_gone_and_at_once_if_it_already_is() {
        start(a(), b());
        ListeningSocket listener = fx.await(sockets.listen("b", 80, 8, false));
        Pair pair = connect(listener, 0);
        TestProbe<Endpoint.Stopped> watcher = fx.kit.createTestProbe();
        pair.server().ref().tell(new Endpoint.WatchStop(watcher.ref()));
        fx.await(pair.client().close());
        fx.runUntilIdle(SECOND);
        watcher.expectNoMessage(Duration.ofMillis(50));        // CLOSE-WAIT: the connection goes on

        fx.await(pair.server().close());
        fx.runUntilIdle(SECOND);
        watcher.expectMessage(new Endpoint.Stopped());         // LAST-ACK, then CLOSED: gone

        pair.server().ref().tell(new Endpoint.WatchStop(watcher.ref()));
        watcher.expectMessage(new Endpoint.Stopped());
    }
}
