package io.tcpemu.console;

import io.tcpemu.config.ConfigLoader;
import io.tcpemu.config.Settings;
import io.tcpemu.emulation.Emulation;
import io.tcpemu.emulation.HostPlacement;
import io.tcpemu.run.RunResult;
import io.tcpemu.run.Runner;
import io.tcpemu.runtime.HostSpec;
import io.tcpemu.runtime.Topology;
import io.tcpemu.trace.TraceHash;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A workload started while the emulation runs (the console's or a script's {@code workload start})
 * starts at the same emulated instant on every partition: between windows every partition is held
 * at one instant, and the drivers are spawned there. So a session over 2 or 3 partitions gives the
 * run of 1: the same trace hash and the same counts.
 */
public class WorkloadStartPartitionsTest {

    /** Three clients, one server, each client on a link of its own: spread over up to 3 partitions. */
    private static Topology topology() {
        return Topology.builder().seed(11)
                .host(HostSpec.of("s", "10.0.0.10", ConsoleFixture.TCP))
                .host(HostSpec.of("c0", "10.0.0.1", ConsoleFixture.TCP))
                .host(HostSpec.of("c1", "10.0.0.2", ConsoleFixture.TCP))
                .host(HostSpec.of("c2", "10.0.0.3", ConsoleFixture.TCP))
                .link("c0", "s", 1_000).link("c1", "s", 2_000).link("c2", "s", 3_000).build();
    }

    private record Session(String hash, long events, String status) {}

    /** Steps first (so the start is not at 0), starts, steps, stops, steps on past the closes. */
    private static Session console(int partitions) {
        Emulation emu = Emulation.virtual(topology(), 11, partitions, Map.of("c0", 0, "c1", 1 % partitions, "c2", 2 % partitions), HostPlacement.Load.NONE);
        TraceHash hash = new TraceHash();
        emu.trace().subscribe(hash);
        try (io.tcpemu.console.Session session = new io.tcpemu.console.Session(emu, line -> { })) {
            CommandLanguage language = new CommandLanguage(session);
            for (String line : List.of("quiet", "step 123ms",
                    "workload start --clients c0,c1,c2 --server s:80 --rate 3000 --process poisson", "step 700ms")) {
                assertThat(language.execute(line).error()).as(line).isEmpty();
            }
            CommandLanguage.Result stop = language.execute("workload stop");
            assertThat(stop.error()).isEmpty();
            assertThat(language.execute("step 5s").error()).isEmpty();
            return new Session(hash.hex(), hash.events(), stop.output());
        }
    }

    @Test
    void a_console_session_over_2_and_3_partitions_gives_the_run_of_1() {
        Session one = console(1);
        assertThat(one.status()).startsWith("workload: stopped");
        assertThat(completed(one.status())).isGreaterThan(150);
        // 1 again last: a session's actor names are counted per session, not per JVM (a timer's
        // same-instant rank comes from its actor's name, so the JVM's fourth session differed)
        for (int n : List.of(2, 3, 1, 1)) {
            Session many = console(n);
            assertThat(many.status()).as(n + " partitions").isEqualTo(one.status());
            assertThat(many.events()).as(n + " partitions").isEqualTo(one.events());
            assertThat(many.hash()).as(n + " partitions").isEqualTo(one.hash());
        }
    }

    /**
     * Links of 10 to 30 ms: a stop that reached the other partitions one lookahead (20 ms) late, as
     * it did, let their clients connect on (1,000 a second each) and changed the trace. At this
     * rate a driver's arrival and a segment meet at one microsecond on one host, which the
     * driver's name decides (its origin): named from a count per JVM, the fourth run differed.
     */
    private static final String SCRIPTED = """
            seed = 3
            hosts {
              s { address = "10.0.0.10", partition = 0 }
              c0 { address = "10.0.0.1", partition = 0 }
              c1 { address = "10.0.0.2", partition = 1 }
              c2 { address = "10.0.0.3", partition = 2 }
            }
            links = [ { between = [c0, s], delay = 10ms }, { between = [c1, s], delay = 20ms }, { between = [c2, s], delay = 30ms } ]
            duration = 3s
            script = [
              { at = 250ms, do = "workload start --clients c0,c1,c2 --server s:80 --rate 3000 --process poisson" }
              { at = 1s, do = "workload stop" }
            ]
            """;

    @Test
    void a_scripts_start_over_2_and_3_partitions_gives_the_run_of_1() {
        RunResult one = run(1);
        assertThat(one.failures()).isEmpty();
        assertThat(firstSyn(one)).isBetween(250_000L, 260_000L);
        for (int n : List.of(2, 3, 1, 1, 1)) {
            RunResult many = run(n);
            assertThat(many.failures()).as(n + " partitions").isEmpty();
            assertThat(many.events()).as(n + " partitions").hasSameSizeAs(one.events());
            assertThat(many.traceHash()).as(n + " partitions").isEqualTo(one.traceHash());
            for (String c : List.of("c0", "c1", "c2")) assertThat(firstSyn(many, c)).as(c + " on " + n).isEqualTo(firstSyn(one, c));
        }
    }

    /** The scripted run ({@link #SCRIPTED}) over {@code partitions}, whatever the window protocol's mode (WindowsInTurnTest forces one). */
    public static RunResult run(int partitions) {
        // a host placed on a partition past the count goes to the last one
        String conf = SCRIPTED.replace("partition = 2", "partition = " + Math.min(2, partitions - 1))
                .replace("partition = 1", "partition = " + Math.min(1, partitions - 1));
        Settings s = ((ConfigLoader.Loaded) ConfigLoader.parse(conf, "scripted.conf", List.of("partitions=" + partitions, "output.plots=false"))).settings();
        return Runner.run(s, "", Runner.Options.quiet());
    }

    private static long firstSyn(RunResult r) {
        return List.of("c0", "c1", "c2").stream().mapToLong(c -> firstSyn(r, c)).min().orElseThrow();
    }

    /** When {@code host} first sent a SYN: its driver's first connect. */
    private static long firstSyn(RunResult r, String host) {
        return r.events().stream().filter(e -> e instanceof io.tcpemu.trace.TraceEvent.SegmentEvent se && se.where().equals(host)
                        && se.action() == io.tcpemu.trace.TraceEvent.SegmentAction.SENT && se.segment().isSyn() && !se.segment().isAck())
                .mapToLong(io.tcpemu.trace.TraceEvent::time).min().orElse(-1);
    }

    private static long completed(String status) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("completed (\\d+)").matcher(status);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
