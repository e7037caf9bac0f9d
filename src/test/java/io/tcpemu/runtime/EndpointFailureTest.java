package io.tcpemu.runtime;

import io.tcpemu.emulation.Emulation;
import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.TcpConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The host does not death-watch its endpoints (that cost two system messages and a watch entry
 * per connection); an endpoint that fails tells its host on its way down instead.
 */
class EndpointFailureTest {
    static final TcpConfig TCP = Profile.LINUX.config();

    @Test
    void a_failing_endpoint_is_forgotten_by_its_host_and_its_port_freed() {
        Topology topology = Topology.builder().seed(3)
                .host(HostSpec.of("a", "10.0.0.1", TCP)).host(HostSpec.of("b", "10.0.0.2", TCP))
                .link("a", "b", 1_000).build();
        try (Emulation emu = Emulation.virtual(topology, 3)) {
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
}
