package io.tcpemu.console;

import io.tcpemu.emulation.Emulation;
import io.tcpemu.runtime.HostSpec;
import io.tcpemu.runtime.Topology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** 'workload start|status|stop' on a virtual-time session: the load moves only as the clock does. */
class WorkloadCommandTest {
    private final ConsoleFixture f = new ConsoleFixture();

    @AfterEach
    void close() { f.close(); }

    @Test
    void a_workload_advances_with_the_clock_and_stops_with_its_summary() {
        f.ok("quiet");
        assertThat(f.ok("workload start --clients a --server b:80 --rate 100 --process constant"))
                .startsWith("workload started: a -> b:80, constant 100.0/s, until stopped, close client-first");

        f.ok("step 105ms");
        String early = f.ok("workload status");
        f.ok("step 1s");
        String later = f.ok("workload status");
        assertThat(early).startsWith("workload: running");
        assertThat(count(early, "completed")).isPositive();
        assertThat(count(later, "completed")).isGreaterThan(count(early, "completed") + 90);
        // client-first close: the client holds TIME-WAIT (Linux 60 s), the server none
        assertThat(count(later, "TIME-WAIT  a")).isGreaterThan(90);
        assertThat(count(later, "  b")).isZero();

        String summary = f.ok("workload stop");
        assertThat(summary).startsWith("workload: stopped").contains("connects  attempts");
        assertThat(count(summary, "issued")).isGreaterThanOrEqualTo(count(later, "issued"));
        assertThat(f.error("workload status")).startsWith("no workload");

        // no new connects after the stop; those in their handshake then still complete
        f.ok("step 1s");
        assertThat(f.ok("show counters a")).contains("connects ok " + count(summary, "attempts"));
        assertThat(f.ok("workload start --clients a --server b:80 --rate 10")).startsWith("workload started");
    }

    @Test
    void a_second_start_while_one_runs_is_refused() {
        f.ok("workload start --clients a --server b:80 --rate 10");
        assertThat(f.error("workload start --clients a --server b:80")).startsWith("a workload is running already");
        f.ok("workload stop");
        f.ok("workload start --clients a --server b:81 --rate 10 --connections 2");
        f.ok("step 1s");
        assertThat(f.ok("workload status")).startsWith("workload: completed").contains("completed 2");
    }

    /** Issue 21: 'workload status' printed 'p50 10000us' where 'run' prints '10ms', and a lifetime without TIME-WAIT. */
    @Test
    void status_prints_durations_and_lifetime_as_run_does() {
        f.ok("workload start --clients a --server b:80 --rate 10 --connections 2");
        f.ok("step 2m");   // past the client's 60 s TIME-WAIT
        String status = f.ok("workload status");
        assertThat(status).containsPattern("request latency +p50 10ms  p90 10ms  p99 10ms  max 10ms  \\(2\\)")
                .doesNotContainPattern("\\d{4,}us");
        Matcher lifetime = Pattern.compile("\nlifetime +p50 .*  max (\\S+)  \\((\\d+)\\)").matcher(status);
        assertThat(lifetime.find()).as(status).isTrue();
        assertThat(lifetime.group(1)).as("the client's lifetime holds its 60 s TIME-WAIT, as in 'tcpemu run'").matches("60(\\.\\d)?s");
        assertThat(lifetime.group(2)).isEqualTo("4");   // both ends of both connections
    }

    @Test
    void a_server_port_listened_on_already_is_refused_before_the_start_and_that_listener_survives() {
        f.ok("listen b:80");
        assertThat(f.error("workload start --clients a --server b:80 --rate 10"))
                .startsWith("b:80 has a listener already").contains("'unlisten b:80'");
        assertThat(f.error("workload status")).startsWith("no workload");
        assertThat(f.ok("show host b")).as("the user's listener is still there").contains("LISTEN").contains("port 80");
        f.ok("connect a b:80");
        f.ok("step 10ms");
        assertThat(f.ok("show host b")).contains("conn");
        assertThat(f.ok("workload start --clients a --server b:81 --rate 10")).startsWith("workload started");
    }

    @Test
    void a_finished_workloads_listener_is_closed_so_the_next_one_can_listen_on_its_port() {
        f.ok("workload start --clients a --server b:80 --rate 100 --connections 3");
        f.ok("step 1s");
        assertThat(f.ok("workload status")).startsWith("workload: completed");
        assertThat(f.ok("workload start --clients a --server b:80 --rate 100 --connections 3")).startsWith("workload started");
        f.ok("step 1s");
        assertThat(f.ok("workload status")).startsWith("workload: completed").contains("completed 3");

        f.ok("workload start --clients a --server b:80 --rate 10");
        f.ok("step 1s");
        f.ok("workload stop");
        assertThat(f.ok("workload start --clients a --server b:80 --rate 10")).as("after a stop too").startsWith("workload started");
    }

    @Test
    void without_options_it_runs_the_loaded_scenarios_workload(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("w.conf");
        Files.writeString(file, """
                hosts { a {}, b {}, c {} }
                links = [ { between = [a, b], delay = 1ms }, { between = [a, c], delay = 1ms } ]
                workload {
                  clients = [a], servers = ["b:80", "c:80"], close = server-first
                  arrival { process = constant, rate = 50 }, connections = 10
                }
                """);
        f.ok("load " + file);
        assertThat(f.ok("workload start")).contains("a -> b:80,c:80, constant 50.0/s, 10 requests, close server-first");
        f.ok("step 1s");
        String status = f.ok("workload status");
        assertThat(status).startsWith("workload: completed").contains("completed 10");
        // server-first: the servers hold TIME-WAIT, half each (round-robin)
        assertThat(status).contains("TIME-WAIT  a 0  b 5  c 5");
    }

    @Test
    void in_real_time_it_runs_while_the_user_types() {
        Topology t = Topology.builder().seed(7)
                .host(HostSpec.of("a", "10.0.0.1", ConsoleFixture.TCP)).host(HostSpec.of("b", "10.0.0.2", ConsoleFixture.TCP))
                .link("a", "b", 1_000).build();
        try (Session session = new Session(Emulation.realTime(t, 7, 10), line -> { })) {
            CommandLanguage language = new CommandLanguage(session);
            assertThat(language.execute("workload start --clients a --server b:80 --rate 200").error()).isEmpty();
            // a shared machine may be slow to start: wait (in steps, at most a minute of emulated time) for the first answers
            long first = completedAfterSteps(language, 0);
            long second = completedAfterSteps(language, first);
            assertThat(first).isPositive();
            assertThat(second).isGreaterThan(first);
            assertThat(language.execute("workload stop").output()).startsWith("workload: stopped");
        }
    }

    /** Steps the real-time clock until more than {@code before} requests completed; returns how many did. */
    private static long completedAfterSteps(CommandLanguage language, long before) {
        long completed = before;
        for (int i = 0; i < 120 && completed <= before; i++) {
            language.execute("step 500ms");
            completed = count(language.execute("workload status").output(), "completed");
        }
        return completed;
    }

    /** The number after {@code label} in the text. */
    private static long count(String text, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + " (\\d+)").matcher(text);
        assertThat(m.find()).as(label + " in:\n" + text).isTrue();
        return Long.parseLong(m.group(1));
    }
}
