package io.tcpemu.console;

import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FaultCommandsTest {
    final ConsoleFixture f = new ConsoleFixture();

    @AfterEach void stop() { f.close(); }

    @Test
    void a_dropped_final_ack_makes_b_repeat_its_fin_which_time_wait_answers() {
        f.established();
        assertThat(f.ok("rule add drop next ack in TIME-WAIT from a")).isEqualTo("rule 1 on a->b: drop 1st ack in TIME-WAIT from a\n");
        f.ok("close c1");
        f.ok("run until b.conn1 is CLOSE-WAIT");
        f.ok("close b.conn1");
        f.ok("run until b.conn1 is CLOSED");
        assertThat(f.eventsWith("a->b DROPPED", "[.]", "rule drop 1st ack in TIME-WAIT from a")).hasSize(1);
        assertThat(f.eventsWith("b sent", "[F.]", "(retransmission)")).hasSize(1);
        assertThat(f.session.conn("c1").state()).isEqualTo(State.TIME_WAIT);
        assertThat(f.ok("rule list")).contains("a->b rule 1: drop 1st ack in TIME-WAIT from a  (matched 2)");
        assertThat(f.ok("rule rm a->b 1")).contains("removed rule 1 from a->b");
        assertThat(f.ok("rule list")).isEqualTo("no rules\n");
        f.ok("rule add drop fin from b");
        f.ok("rule add --on a->b drop syn");
        assertThat(f.ok("rule clear")).isEqualTo("removed 2 rules\n");
        assertThat(f.error("rule add --on a<->b drop fin from b")).contains("can never fire on link a->b");
    }

    @Test
    void a_typo_in_a_rule_is_named_rather_than_taken_for_a_missing_sender() {
        assertThat(f.error("rule add drop fin frm b")).contains("'frm' was not expected here").doesNotContain("which link");
        assertThat(f.error("rule add drop fin")).contains("which link");
    }

    @Test
    void link_parameters_change_while_it_runs() {
        assertThat(f.ok("link set a<->b --delay 50ms")).contains("a->b: delay 50ms").contains("b->a: delay 50ms");
        f.ok("listen b:80");
        f.ok("connect a b:80");
        f.ok("run until c1 is ESTABLISHED");
        assertThat(f.session.emulation().now()).isEqualTo(100_000);
        assertThat(f.ok("link set a->b --loss 1")).contains("a->b: delay 50ms, loss 1.0");
        f.ok("write c1 x");
        f.ok("step 60ms");
        assertThat(f.eventsWith("a->b DROPPED", "(loss)")).isNotEmpty();
        assertThat(f.ok("link list")).contains("a->b: delay 50ms, loss 1.0").contains("dropped 1");
    }

    @Test
    void hosts_and_links_added_at_run_time_carry_connections() {
        assertThat(f.ok("host add c")).isEqualTo("host c 10.0.0.3 (linux)\n");
        f.ok("link add a c --delay 1ms");
        assertThat(f.ok("host list")).contains("c  10.0.0.3");
        f.ok("listen c:22");
        f.ok("connect a c:22 as ssh");
        assertThat(f.ok("run until ssh is ESTABLISHED")).isEqualTo("ssh is ESTABLISHED at 2ms\n");
        assertThat(f.error("host add c")).contains("host 'c' exists already");
    }

    @Test
    void an_injected_rst_resets_an_established_connection() {
        f.established();
        var synAck = f.session.trace().stream().filter(e -> e instanceof TraceEvent.SegmentEvent s
                && s.action() == TraceEvent.SegmentAction.SENT && s.segment().isSyn() && s.segment().isAck())
                .map(e -> ((TraceEvent.SegmentEvent) e).segment()).findFirst().orElseThrow();
        long nextSeq = Integer.toUnsignedLong(synAck.seq() + 1);
        assertThat(f.ok("inject c1 --flags R --seq " + nextSeq)).startsWith("injected into a: 10.0.0.2:80 > 10.0.0.1:");
        assertThat(f.session.conn("c1").state()).isEqualTo(State.CLOSED);
        assertThat(f.eventsWith("c1 reset by the peer")).hasSize(1);
    }

    @Test
    void show_host_lists_listeners_connections_time_wait_and_counters() {
        f.established();
        String table = f.ok("show host b");
        assertThat(table).contains("LISTEN      port 80").contains("b.conn1 ESTABLISHED").contains("connects ok 0");
        assertThat(f.ok("show counters a")).contains("a counters: connects ok 1");
        assertThat(f.ok("show links")).contains("a->b: delay 5ms");
    }

    @Test
    void ladder_and_pcap_show_the_connection_so_far(@TempDir Path dir) throws Exception {
        f.established();
        String ladder = f.ok("ladder c1");
        assertThat(ladder).contains("SYN").contains("ESTABLISHED");
        Path pcap = dir.resolve("run.pcap");
        assertThat(f.ok("pcap " + pcap)).contains("wrote " + pcap);
        byte[] bytes = Files.readAllBytes(pcap);
        assertThat(bytes.length).as("header plus three segments").isGreaterThan(24 + 3 * 16 + 3 * 40);
        assertThat(f.error("pcap " + dir.resolve("missing/x.pcap"))).startsWith("cannot write");
    }

    @Test
    void quiet_hides_segments_and_verbose_shows_deliveries() {
        f.ok("quiet");
        f.established();
        assertThat(f.eventsWith(" sent ")).isEmpty();
        assertThat(f.eventsWith("c1 connected")).hasSize(1);
        f.ok("verbose");
        f.ok("write c1 hi");
        f.ok("step 10ms");
        assertThat(f.eventsWith("b got", "[P.]")).hasSize(1);
    }
}
