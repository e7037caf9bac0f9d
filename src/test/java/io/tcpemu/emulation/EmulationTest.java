package io.tcpemu.emulation;

import io.tcpemu.config.ConfigLoader;
import io.tcpemu.config.Settings;
import io.tcpemu.runtime.ConnectedSocket;
import io.tcpemu.runtime.HostSpec;
import io.tcpemu.runtime.LinkParams;
import io.tcpemu.runtime.LinkSpec;
import io.tcpemu.runtime.ListeningSocket;
import io.tcpemu.runtime.Topology;
import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import io.tcpemu.tcp.TcpConfig;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceRecorder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmulationTest {
    static final TcpConfig TCP = Profile.LINUX.config();

    static Topology twoHosts() {
        return Topology.builder().seed(5)
                .host(HostSpec.of("a", "10.0.0.1", TCP)).host(HostSpec.of("b", "10.0.0.2", TCP))
                .link("a", "b", 5_000).build();
    }

    @Test
    void a_handshake_and_close_through_the_sockets_in_virtual_time() {
        try (Emulation emu = Emulation.virtual(twoHosts(), 5); TraceRecorder trace = TraceRecorder.on(emu.trace())) {
            ListeningSocket listener = emu.await(emu.sockets().listen("b", 80, 16, false), 1_000);
            ConnectedSocket client = emu.await(emu.sockets().connect("a", SockAddr.of("10.0.0.2", 80)), 1_000_000);
            assertThat(emu.now()).as("one round trip of 2 x 5 ms").isEqualTo(10_000);
            ConnectedSocket server = emu.await(listener.accept(), 1_000_000);
            assertThat(client.tuple().remote()).isEqualTo(server.tuple().local());

            emu.await(client.close(), 1_000_000);
            emu.advance(20_000);
            emu.await(server.close(), 1_000_000);
            emu.advance(20_000);

            assertThat(states(trace, "a")).containsExactly(
                    "CLOSED->SYN-SENT", "SYN-SENT->ESTABLISHED", "ESTABLISHED->FIN-WAIT-1",
                    "FIN-WAIT-1->FIN-WAIT-2", "FIN-WAIT-2->TIME-WAIT");
            assertThat(states(trace, "b")).endsWith("ESTABLISHED->CLOSE-WAIT", "CLOSE-WAIT->LAST-ACK", "LAST-ACK->CLOSED");
            assertThat(emu.table("a").timeWait()).hasSize(1);

            emu.advance(2 * TCP.msl() + 1);
            assertThat(emu.table("a").timeWait()).as("gone after 2 MSL").isEmpty();
            assertThat(emu.counters("a").connectsOk()).isEqualTo(1);
        }
    }

    @Test
    void from_settings_builds_the_hosts_links_and_rules_of_a_scenario_file() {
        Settings settings = settings("""
                seed = 9
                hosts { a {}, b {} }
                links = [ { between = [a, b], delay = 2ms, rules = ["drop 1st syn", "drop fin from b"] } ]
                """);
        try (Emulation emu = Emulation.fromSettings(settings); TraceRecorder trace = TraceRecorder.on(emu.trace())) {
            assertThat(emu.isVirtual()).isTrue();
            assertThat(emu.hostNames()).containsExactly("a", "b");
            assertThat(emu.links()).containsOnlyKeys("a->b", "b->a");
            assertThat(emu.network().topology().links()).extracting(l -> l.name() + " " + l.rules())
                    .as("a rule for one sender goes only on the direction it sends on")
                    .containsExactly("a->b [drop 1st syn]", "b->a [drop 1st syn, drop fin from b]");
            emu.await(emu.sockets().listen("b", 80, 16, false), 1_000);
            emu.await(emu.sockets().connect("a", new SockAddr(emu.ip("b"), 80)), 10_000_000);
            assertThat(trace.ofType(TraceEvent.SegmentEvent.class)).filteredOn(s -> s.action() == TraceEvent.SegmentAction.DROPPED)
                    .extracting(TraceEvent.SegmentEvent::reason).containsExactly("rule drop 1st syn");
        }
    }

    @Test
    void hosts_and_links_can_be_added_while_it_runs() {
        try (Emulation emu = Emulation.virtual(twoHosts(), 5)) {
            emu.addHost(HostSpec.of("c", "10.0.0.3", TCP));
            emu.addLink(new LinkSpec("a", "c", LinkParams.ofDelay(1_000), List.of(), 1));
            emu.addLink(new LinkSpec("c", "a", LinkParams.ofDelay(1_000), List.of(), 2));
            emu.await(emu.sockets().listen("c", 22, 16, false), 1_000);
            ConnectedSocket s = emu.await(emu.sockets().connect("a", SockAddr.of("10.0.0.3", 22)), 1_000_000);
            assertThat(s.tuple().remote().port()).isEqualTo(22);
            assertThatThrownBy(() -> emu.addHost(HostSpec.of("d", "10.0.0.3", TCP))).hasMessageContaining("belongs to host 'c'");
            assertThatThrownBy(() -> emu.link("b", "c")).hasMessageContaining("no link b->c");
        }
    }

    static List<String> states(TraceRecorder trace, String host) {
        return trace.ofType(TraceEvent.StateChanged.class).stream().filter(s -> s.host().equals(host))
                .filter(s -> s.from() != State.LISTEN)
                .map(s -> s.from() + "->" + s.to()).toList();
    }

    static Settings settings(String text) {
        ConfigLoader.Result r = ConfigLoader.parse(text, "test.conf", List.of());
        if (r instanceof ConfigLoader.Invalid invalid) throw new AssertionError(invalid.message());
        return ((ConfigLoader.Loaded) r).settings();
    }
}
