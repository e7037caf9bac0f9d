package io.tcpemu.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.TcpConfig;
import io.tcpemu.trace.TraceEvent;
import org.junit.jupiter.api.AfterEach;

import static io.tcpemu.tcp.TcpConfig.MILLISECOND;

/** Hosts a (10.0.0.1) and b (10.0.0.2) joined by a 1 ms link, on virtual time, with the socket API. */
abstract class TwoHostTest {
    static final TcpConfig TCP = Profile.LINUX.config(); // TIME-WAIT 60 s, timestamps on
    static final SockAddr SERVER = SockAddr.of("10.0.0.2", 80);

    final RuntimeFixture fx = new RuntimeFixture(1, true, pekkoOverlay());
    final Sockets sockets = new Sockets(fx.kit.system(), fx.directory);

    /** Pekko settings this test class runs with, over the virtual-time config; none by default. */
    Config pekkoOverlay() { return ConfigFactory.empty(); }

    @AfterEach
    void stop() { fx.close(); }

    static HostSpec a() { return HostSpec.of("a", "10.0.0.1", TCP); }
    static HostSpec b() { return HostSpec.of("b", "10.0.0.2", TCP); }

    Network start(HostSpec a, HostSpec b, String... rulesAtoB) {
        Topology.Builder t = Topology.builder().host(a).host(b).link("a", "b", MILLISECOND);
        for (String rule : rulesAtoB) t.rule("a", "b", rule);
        return fx.start(t.build());
    }

    /** Both ends of one connection. */
    record Pair(ConnectedSocket client, ConnectedSocket server) {}

    /** Connects a to b:80 from {@code localPort} (0: ephemeral) and accepts it. */
    Pair connect(ListeningSocket listener, int localPort) {
        ConnectedSocket client = fx.await(sockets.connect("a", localPort, SERVER));
        return new Pair(client, fx.await(listener.accept()));
    }

    long hostEvents(String host, String kind) {
        return fx.events(TraceEvent.HostEvent.class).stream().filter(e -> e.host().equals(host) && e.kind().equals(kind)).count();
    }
}
