package io.tcpemu.runtime;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 3: a host hands each arriving segment to the connection its 4-tuple names. */
class DemultiplexTest extends TwoHostTest {

    @Test
    void interleaved_writes_on_three_connections_to_one_port_reach_their_own_server_socket() {
        start(a(), b());
        ListeningSocket listener = fx.await(sockets.listen("b", 80, 8, false));
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < 3; i++) pairs.add(connect(listener, 0));

        // All three writes are in flight together, then each server socket reads.
        for (int i = 2; i >= 0; i--) pairs.get(i).client().write(("conn-" + i).getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 3; i++) {
            Pair p = pairs.get(i);
            assertThat(p.server().tuple()).isEqualTo(p.client().tuple().reversed());
            assertThat(new String(fx.await(p.server().read(100)), StandardCharsets.US_ASCII)).isEqualTo("conn-" + i);
        }
        assertThat(pairs).extracting(p -> p.client().tuple().local().port()).doesNotHaveDuplicates();
        assertThat(fx.await(sockets.connections("b"))).hasSize(3);
    }
}
