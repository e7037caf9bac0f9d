package io.tcpemu.runtime;

import io.tcpemu.emulation.Emulation;
import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.TcpConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An endpoint runs inside its host actor: one that throws (a bug) is dropped by its host, which
 * frees its port and goes on with its other connections, as if a stopped actor's.
 */
class EndpointFailureTest {
    static final TcpConfig TCP = Profile.LINUX.config();
    static final Topology TOPOLOGY = Topology.builder().seed(3)
            .host(HostSpec.of("a", "10.0.0.1", TCP)).host(HostSpec.of("b", "10.0.0.2", TCP))
            .link("a", "b", 1_000).build();

    @Test
    void a_failing_endpoint_is_forgotten_by_its_host_and_its_port_freed() {
        try (Emulation emu = Emulation.virtual(TOPOLOGY, 3)) {
            emu.await(emu.sockets().listen("b", 80, 16, false), 1_000);
            ConnectedSocket client = emu.await(emu.sockets().connect("a", SockAddr.of("10.0.0.2", 80)), 1_000_000);
            assertThat(emu.table("a").connections()).hasSize(1);
            assertThat(emu.counters("a").portsInUse()).isEqualTo(1);

            // A write without bytes makes the endpoint throw: the stand-in for any bug in an endpoint.
            client.ref().tell(new Endpoint.Write(null, null));
            emu.advance(1_000);

            assertThat(emu.table("a").connections()).as("the host forgot the failed endpoint").isEmpty();
            assertThat(emu.counters("a").portsInUse()).isZero();
            assertThat(emu.counters("a").connections()).isZero();
        }
    }

    @Test
    void a_failing_endpoint_takes_nothing_else_of_its_host_with_it() {
        try (Emulation emu = Emulation.virtual(TOPOLOGY, 3)) {
            ListeningSocket listener = emu.await(emu.sockets().listen("b", 80, 16, false), 1_000);
            ConnectedSocket broken = emu.await(emu.sockets().connect("a", SockAddr.of("10.0.0.2", 80)), 1_000_000);
            ConnectedSocket client = emu.await(emu.sockets().connect("a", SockAddr.of("10.0.0.2", 80)), 1_000_000);
            emu.await(listener.accept(), 1_000);
            ConnectedSocket server = emu.await(listener.accept(), 1_000);

            broken.ref().tell(new Endpoint.Write(null, null));
            emu.advance(1_000);

            assertThat(emu.table("a").connections()).extracting(SocketRef::connId).containsExactly(client.ref().connId());
            assertThat(emu.await(client.write("still here".getBytes()), 1_000_000)).isEqualTo(10);
            assertThat(new String(emu.await(server.read(100), 1_000_000))).isEqualTo("still here");
        }
    }
}
