package io.tcpemu.run;

import io.tcpemu.metrics.Counter;
import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.workload.TimeWaitModel;
import org.junit.jupiter.api.Test;

import io.tcpemu.config.Settings;
import io.tcpemu.trace.TraceRecorder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The full-proxy load balancer (conf/load-balancer.conf): its own connections to the back-ends
 * spend its own ports, and TIME-WAIT lands on whichever side closes first.
 */
class LoadBalancerScenarioTest {

    @Test
    void the_proxy_runs_out_of_its_own_ports_when_it_closes_first_and_the_back_ends_hold_time_wait_when_they_do() {
        Map<String, Traced> v = traced(null, "duration=20s");

        Traced base = v.get("1-proxy-closes-first");
        // knee = 100 ports x 1 back-end / 10 s = 10 connections per second; offered 20
        assertThat(TimeWaitModel.of(base.result().settings()).hosts().get("lb").portsRunOutAbove().value()).isEqualTo(10.0);
        assertThat(exhausted(base)).isNotEmpty().allMatch("lb"::equals);
        // each connect the proxy could not make resets the client's connection it was for
        assertThat(base.count(Counter.RESET)).isEqualTo(base.count(Counter.ADDR_NOT_AVAIL)).isEqualTo((long) exhausted(base).size());
        List<FourTuple> lbWaits = timeWaits(base, "lb");
        assertThat(lbWaits).isNotEmpty().allSatisfy(t -> {
            assertThat(t.local().port()).as("the proxy's own ephemeral port").isBetween(1024, 1123);
            assertThat(t.remote().port()).isEqualTo(80);
        });
        assertThat(timeWaits(base, "web1")).isEmpty();
        // about the knee's rate of the proxy's connections succeed: ESTABLISHED counts both legs
        assertThat((double) base.passiveEstablished("web1")).isCloseTo(10.0 * 20, within(25.0));

        Traced serverFirst = v.get("2-backends-close-first");
        assertThat(exhausted(serverFirst)).isEmpty();
        assertThat(timeWaits(serverFirst, "web1")).isNotEmpty().allMatch(t -> t.local().port() == 80);
        // the proxy closes only its clients' leg first: TIME-WAIT on its VIP's port, none on its own ports
        assertThat(timeWaits(serverFirst, "lb")).isNotEmpty().allMatch(t -> t.local().port() == 443);

        for (String remedy : new String[] {"3-three-backends", "4-wider-port-range"}) {
            Traced r = v.get(remedy);
            assertThat(exhausted(r)).as(remedy).isEmpty();
            assertThat(r.count(Counter.RESET)).as(remedy).isZero();
            assertThat(r.passiveEstablished("web1") + r.passiveEstablished("web2") + r.passiveEstablished("web3"))
                    .as(remedy).isEqualTo(r.passiveEstablished("lb"));
        }
        Traced three = v.get("3-three-backends");
        // round-robin: each back-end gets every third connection
        assertThat(List.of(three.passiveEstablished("web1"), three.passiveEstablished("web2"), three.passiveEstablished("web3")))
                .allSatisfy(n -> assertThat((double) n).isCloseTo(three.passiveEstablished("lb") / 3.0, within(1.0)));
    }

    @Test
    void least_connections_sends_fewer_connections_to_a_slow_back_end_than_round_robin_does() {
        String slowWeb1 = "links=[{between=[client,lb],delay=1ms},{between=[lb,web1],delay=300ms},"
                + "{between=[lb,web2],delay=200us},{between=[lb,web3],delay=200us}]";
        String two = "hosts.lb.load-balancer.backends=[\"web1:80\",\"web2:80\"]";
        Traced rr = traced("1-proxy-closes-first", "duration=5s", slowWeb1, two).get("1-proxy-closes-first");
        Traced lc = traced("1-proxy-closes-first", "duration=5s", slowWeb1, two, "hosts.lb.load-balancer.algorithm=least-connections").get("1-proxy-closes-first");
        // round-robin: the proxy connects to each in turn
        assertThat(Math.abs(connects(rr, "10.0.1.1:80") - connects(rr, "10.0.1.2:80"))).isLessThanOrEqualTo(1);
        // a connection to web1 stays open about 1.2 s (two round trips of 600 ms), one to web2 about a millisecond
        assertThat(connects(lc, "10.0.1.1:80")).isPositive().isLessThan(connects(lc, "10.0.1.2:80") / 4);
        assertThat(connects(lc, "10.0.1.1:80") + connects(lc, "10.0.1.2:80")).isEqualTo(lc.passiveEstablished("lb"));
    }

    /** A run with its whole trace (a run of unbounded connections keeps none of its own). */
    private record Traced(RunResult result, List<TraceEvent> events) {
        long count(Counter c) { return result.count(c); }
        long passiveEstablished(String host) { return result.passiveEstablished(host); }
    }

    /** The variant (null: every one) of conf/load-balancer.conf, by label, each with its trace. */
    private static Map<String, Traced> traced(String variant, String... overrides) {
        Path file = Path.of("conf", "load-balancer.conf");
        Settings base = ScenarioFile.load(file, List.of(overrides));
        Map<String, Traced> out = new java.util.HashMap<>();
        List<ScenarioFile.Point> points = ScenarioFile.points(base);
        for (ScenarioFile.Point p : variant == null ? points : ScenarioFile.select(points, variant, null)) {
            TraceRecorder tap = new TraceRecorder();
            RunResult r = Runner.run(ScenarioFile.settings(file, List.of(overrides), p, base), p.label(),
                    new Runner.Options(null, null, new AtomicBoolean(), null, tap));
            assertThat(r.passed()).as(r.verdict()).isTrue();
            out.put(p.label(), new Traced(r, tap.events()));
        }
        return out;
    }

    /** Connects the proxy made to {@code backend} ("10.0.1.1:80"). */
    private static long connects(Traced r, String backend) {
        return r.events().stream().filter(e -> e instanceof TraceEvent.SocketCall c && c.host().equals("lb")
                && c.call().equals("connect " + backend)).count();
    }

    /** Hosts that found no free port for a connect, one entry per failure. */
    private static List<String> exhausted(Traced r) {
        List<String> hosts = new ArrayList<>();
        for (TraceEvent e : r.events()) if (e instanceof TraceEvent.HostEvent h && h.kind().equals("port-exhausted")) hosts.add(h.host());
        return hosts;
    }

    /** The 4-tuples (from that host) that entered TIME-WAIT there. */
    private static List<FourTuple> timeWaits(Traced r, String host) {
        List<FourTuple> out = new ArrayList<>();
        for (TraceEvent e : r.events()) {
            if (e instanceof TraceEvent.StateChanged s && s.host().equals(host) && s.to() == State.TIME_WAIT) out.add(s.tuple());
        }
        return out;
    }
}
