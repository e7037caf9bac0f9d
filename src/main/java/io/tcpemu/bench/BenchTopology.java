package io.tcpemu.bench;

import io.tcpemu.runtime.HostSpec;
import io.tcpemu.runtime.LinkParams;
import io.tcpemu.runtime.PortAllocator;
import io.tcpemu.runtime.Topology;
import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.TcpConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The memory test's network ({@link HoldRun}): one server and enough client hosts that their ephemeral
 * ports (1024-65535 each) never run out, every client joined to the server by a link with a fixed delay.
 */
record BenchTopology(Topology topology, List<String> clients, SockAddr server) {
    static final String SERVER = "server";
    static final int SERVER_PORT = 80;

    /**
     * @param clientHosts how many client hosts
     * @param timeWait    the clients' TIME-WAIT duration, µs
     * @param linkDelay   one-way delay, µs
     */
    static BenchTopology of(int clientHosts, long timeWait, long linkDelay) {
        TcpConfig tcp = Profile.LINUX.config().withTimeWait(timeWait);
        Topology.Builder b = Topology.builder().seed(42);
        b.host(HostSpec.of(SERVER, "10.0.0.1", tcp).withMaxTwBuckets(Integer.MAX_VALUE));
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < clientHosts; i++) {
            String name = "client" + i;
            String ip = "10.1." + (i / 250) + "." + (i % 250 + 1);
            b.host(HostSpec.of(name, ip, tcp).withPorts(1024, 65535, PortAllocator.Algorithm.SEQUENTIAL)
                    .withMaxTwBuckets(Integer.MAX_VALUE));
            b.link(name, SERVER, LinkParams.ofDelay(linkDelay));
            clients.add(name);
        }
        return new BenchTopology(b.build(), clients, SockAddr.of("10.0.0.1", SERVER_PORT));
    }
}
