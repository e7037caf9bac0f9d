package io.tcpemu.metrics;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tcpemu.tcp.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.tcpemu.tcp.TcpConfig.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

class ResultsWriterTest {

    private static Metrics sample() {
        MetricsCollector c = new MetricsCollector(1_000);
        c.accept(Trace.call(0, "a", "connect 10.0.0.2:80", "EINPROGRESS"));
        c.accept(Trace.state(0, "a", 1, State.CLOSED, State.SYN_SENT));
        c.accept(Trace.state(1_500, "a", 1, State.SYN_SENT, State.ESTABLISHED));
        c.accept(Trace.state(2_000, "a", 1, State.ESTABLISHED, State.TIME_WAIT));
        c.accept(Trace.hostEvent(2_000, "b", "rst-no-socket", "x"));
        return c.finish(3_000);
    }

    @Test
    void writes_every_file_with_the_numbers(@TempDir Path dir) throws IOException {
        ResultsWriter.write(dir, sample(), "tcpemu {\n  seed = 1\n}\n");

        for (String f : ResultsWriter.FILES) assertThat(dir.resolve(f)).exists();
        assertThat(Files.readAllLines(dir.resolve("counters.csv"))).contains("counter,value", "established,1", "connect-attempts,1");
        assertThat(Files.readAllLines(dir.resolve("states.csv"))).containsExactly(
                "time_us,host,LISTEN,SYN-SENT,SYN-RECEIVED,ESTABLISHED,FIN-WAIT-1,FIN-WAIT-2,CLOSE-WAIT,CLOSING,LAST-ACK,TIME-WAIT,ports_in_use",
                "0,a,0,1,0,0,0,0,0,0,0,0,1",
                "1000,a,0,1,0,0,0,0,0,0,0,0,1",
                "2000,a,0,0,0,0,0,0,0,0,0,1,1",
                "3000,a,0,0,0,0,0,0,0,0,0,1,1");
        assertThat(Files.readAllLines(dir.resolve("transitions.csv"))).containsExactly(
                "from,to,count", "CLOSED,SYN-SENT,1", "SYN-SENT,ESTABLISHED,1", "ESTABLISHED,TIME-WAIT,1");
        assertThat(Files.readAllLines(dir.resolve("latency.csv"))).containsExactly(
                "latency,count,p50_us,p90_us,p99_us,max_us", "handshake,1,1500,1500,1500,1500", "lifetime,0,,,,");
        assertThat(Files.readAllLines(dir.resolve("host-events.csv"))).containsExactly("kind,count", "rst-no-socket,1");
        assertThat(Files.readString(dir.resolve("effective.conf"))).contains("seed = 1");
    }

    @Test
    void the_json_is_valid_and_holds_the_series(@TempDir Path dir) throws IOException {
        ResultsWriter.write(dir, sample(), null);
        assertThat(dir.resolve("effective.conf")).doesNotExist();
        Config json = ConfigFactory.parseString(Files.readString(dir.resolve("metrics.json")));
        assertThat(json.getLong("end_time_us")).isEqualTo(3_000);
        assertThat(json.getLong("counters.established")).isEqualTo(1);
        assertThat(json.getLong("latency_us.handshake.p99")).isEqualTo(1_500);
        assertThat(json.getConfigList("transitions")).hasSize(3);
        assertThat(json.getConfigList("transitions").get(0).getString("from")).isEqualTo("CLOSED");
        assertThat(json.getLong("host_events.rst-no-socket")).isEqualTo(1);
        assertThat(json.getIntList("hosts.a.\"TIME-WAIT\"")).containsExactly(0, 0, 1, 1);
        assertThat(json.getIntList("hosts.a.ports_in_use")).containsExactly(1, 1, 1, 1);
        assertThat(json.getLong("hosts.a.interval_us")).isEqualTo(1_000);
    }

    @Test
    void the_summary_shows_outcomes_latency_and_the_prediction() {
        String summary = SummaryTable.render(sample(), new Predictions(Map.of("a", new HostPrediction(
                Predicted.of(28232, "capped by 28232 ports"), Predicted.of(470.53))), Predicted.of(0.47)));
        List<String> lines = summary.lines().toList();
        assertThat(lines.get(0)).isEqualTo("run: 3ms emulated");
        assertThat(summary).contains("stale data accepted: 0 bytes in 0 segments");
        assertThat(lines).anyMatch(l -> l.matches("handshake\\s+1\\s+1\\.5ms\\s+1\\.5ms\\s+1\\.5ms\\s+1\\.5ms"));
        assertThat(lines).anyMatch(l -> l.matches("a\\s+1\\s+1\\s+1\\s+28232 \\[1\\]\\s+470\\.5/s"));
        assertThat(lines).contains("[1] capped by 28232 ports");
        assertThat(lines).anyMatch(l -> l.matches("\\s+1\\s+1\\s+0\\s+0\\s+0\\s+0")); // attempts, established, ...
    }

    /** close-race.conf's reason ran to 130 columns inside the table: a note goes below it, numbered, once however often it is given. */
    @Test
    void a_long_note_is_a_footnote_and_the_host_table_fits_a_terminal() {
        String why = "how many FINs cross depends on the jitter and the traffic ahead of each FIN";
        String summary = SummaryTable.render(sample().withActivePeriod(0, 2_000), new Predictions(Map.of("a", new HostPrediction(Predicted.na(why), Predicted.na(why))),
                Predicted.of(0)));
        List<String> lines = summary.lines().toList();
        assertThat(lines).anyMatch(l -> l.matches("a\\s+1\\s+\\S+\\s+1\\s+n/a \\[1\\]\\s+n/a \\[1\\]"));
        assertThat(lines).containsOnlyOnce("[1] " + why);
        assertThat(lines.subList(lines.indexOf("latency    count    p50    p90    p99    max"), lines.size()))
                .as("the tables and their notes").allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100));
    }

    @Test
    void the_json_holds_the_predictions_with_null_and_the_reason_where_the_model_does_not_apply(@TempDir Path dir) throws IOException {
        Predictions p = new Predictions(Map.of("a", new HostPrediction(Predicted.of(300, "capped by 300 ports"), Predicted.of(75)),
                "b", new HostPrediction(Predicted.na("no steady state"), null)), Predicted.of(1 - 100.0 / 125));
        ResultsWriter.write(dir, sample(), null, p);
        Config json = ConfigFactory.parseString(Files.readString(dir.resolve("metrics.json")));
        assertThat(Files.readString(dir.resolve("metrics.json"))).contains("\"expected_failure_rate\": 0.2,").doesNotContain("0.1999");
        assertThat(json.getDouble("predictions.hosts.a.time_wait")).isEqualTo(300);
        assertThat(json.getString("predictions.hosts.a.time_wait_note")).isEqualTo("capped by 300 ports");
        assertThat(json.getDouble("predictions.hosts.a.ports_run_out_above_per_second")).isEqualTo(75);
        assertThat(json.getIsNull("predictions.hosts.b.time_wait")).isTrue();
        assertThat(json.getString("predictions.hosts.b.time_wait_na")).isEqualTo("no steady state");
        assertThat(Predicted.na("why").text("/s")).isEqualTo("n/a (why)");
        assertThat(Predicted.na("why").csv()).isEmpty();
    }
}
