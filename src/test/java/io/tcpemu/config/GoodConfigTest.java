package io.tcpemu.config;

import io.tcpemu.config.LinkSettings.Distribution;
import io.tcpemu.config.WorkloadSettings.Process;
import io.tcpemu.tcp.Profile;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static io.tcpemu.tcp.TcpConfig.MILLISECOND;
import static io.tcpemu.tcp.TcpConfig.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

/** The example scenarios in good-config/ load with the values they say. */
class GoodConfigTest {
    private static final Path DIR = Path.of("src/test/resources/good-config");

    @Test
    void time_wait_demo() {
        Settings s = ConfigLoader.loadOrThrow(DIR.resolve("time-wait.conf"));
        assertThat(s.host("b").tcp().timeWait()).isEqualTo(2 * SECOND);
        assertThat(s.host("a").tcp().timeWait()).isEqualTo(60 * SECOND);
        assertThat(s.script()).extracting(ScriptStep::command)
                .containsExactly("listen b:80", "connect a b:80 as c1", "close c1");
        assertThat(s.run().duration()).isEqualTo(5 * SECOND);
        assertThat(s.output().sampleInterval()).isEqualTo(10 * MILLISECOND);
        assertThat(s.expect().counts()).containsEntry("established", 1L).containsEntry("stale-bytes", 0L);
    }

    @Test
    void port_exhaustion_has_too_few_ports_for_its_rate() {
        Settings s = ConfigLoader.loadOrThrow(DIR.resolve("port-exhaustion.conf"));
        HostSettings client = s.host("client");
        double rate = s.workload().arrival().rate();
        double portsNeeded = rate * client.tcp().timeWait() / 1e6;
        assertThat(client.ports().size()).isEqualTo(1000);
        assertThat(portsNeeded).isEqualTo(3000.0);
        assertThat(s.workload().arrival().process()).isEqualTo(Process.CONSTANT);
        assertThat(s.workload().serverHost()).isEqualTo("server");
    }

    @Test
    void a_sweep_includes_its_base_scenario_and_each_point_loads() {
        Path file = DIR.resolve("rate-sweep.conf");
        Settings s = ConfigLoader.loadOrThrow(file);
        assertThat(s.sweep().axes()).hasSize(2);
        assertThat(s.host("client").ports().size()).isEqualTo(1000);
        SweepSettings.Axis profile = s.sweep().axes().get(1);
        Settings point = ConfigLoader.loadOrThrow(file, profile.parameter() + "=" + profile.values().get(1));
        assertThat(point.host("client").profile()).isEqualTo(Profile.RFC9293);
        assertThat(point.host("client").tcp().timeWait()).isEqualTo(240 * SECOND);
    }

    @Test
    void lossy_link_has_one_way_settings() {
        Settings s = ConfigLoader.loadOrThrow(DIR.resolve("lossy-link.conf"));
        assertThat(s.link("a", "b").loss()).isEqualTo(0.05);
        assertThat(s.link("a", "b").jitter().distribution()).isEqualTo(Distribution.NORMAL);
        assertThat(s.link("a", "b").rules()).isEmpty();
        assertThat(s.link("b", "a").rules()).isEqualTo(List.of("drop fin from b"));
        assertThat(s.workload().pool()).isEqualTo(new WorkloadSettings.Pool(2, 10));
    }

    @Test
    void an_included_file_may_append_a_link() {
        Settings s = ConfigLoader.loadOrThrow(DIR.resolve("appended-link.conf"));
        assertThat(s.links()).extracting(LinkSettings::name).containsExactly("a->b", "b->a", "a->c", "c->a");
        assertThat(s.link("a", "c").delay()).isEqualTo(7 * MILLISECOND);
        assertThat(s.link("a", "b").delay()).isEqualTo(1 * MILLISECOND);
    }

    @Test
    void a_file_may_append_links_to_none() {
        ConfigLoader.Result r = ConfigLoader.parse("hosts { a {}, b {} }\nlinks += { between = [a, b] }\n", "t.conf", List.of());
        assertThat(r).isInstanceOf(ConfigLoader.Loaded.class);
        assertThat(((ConfigLoader.Loaded) r).settings().links()).extracting(LinkSettings::name).containsExactly("a->b", "b->a");
        ConfigLoader.Result wrapped = ConfigLoader.parse("tcpemu { hosts { a {}, b {} }\nlinks += { between = [a, b] } }\n", "t.conf", List.of());
        assertThat(((ConfigLoader.Loaded) wrapped).settings().links()).hasSize(2);
    }

    @Test
    void a_workload_may_name_several_servers() {
        ConfigLoader.Result r = ConfigLoader.parse("""
                hosts { a {}, b {}, c {} }
                links = [ { between = [a, b] }, { between = [a, c] } ]
                workload { clients = [a], servers = ["b:80", "c:8080"] }
                """, "t.conf", List.of());
        WorkloadSettings w = ((ConfigLoader.Loaded) r).settings().workload();
        assertThat(w.servers()).containsExactly(new WorkloadSettings.Server("b", 80), new WorkloadSettings.Server("c", 8080));
        assertThat(w.serverHost()).isEqualTo("b");
    }
}
