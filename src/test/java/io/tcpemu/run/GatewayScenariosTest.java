package io.tcpemu.run;

import io.tcpemu.metrics.Counter;
import io.tcpemu.metrics.GatewayTally;
import io.tcpemu.workload.TimeWaitModel;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Collectors;

import static io.tcpemu.run.ScenarioTesting.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The NAT gateway scenario: its ports run out at the analytic knee, and each remedy moves or removes the knee. */
class GatewayScenariosTest {

    @Test
    void the_gateway_drops_syns_once_conntrack_time_wait_holds_every_port_and_the_remedies_lift_the_knee() {
        Map<String, RunResult> v = run("nat-port-exhaustion", "duration=20s").stream()
                .collect(Collectors.toMap(RunResult::label, r -> r));
        RunResult base = v.get("1-baseline");
        assertThat(v.values()).allSatisfy(r -> assertThat(r.passed()).as(r.verdict()).isTrue());
        GatewayTally.Gateway gw = base.gateways().get("gw");
        // knee = 100 ports x 1 address x 1 destination / 10 s = 10 connections per second; offered 20
        assertThat(TimeWaitModel.gatewayKnee(base.settings(), "gw").value()).isEqualTo(10.0);
        assertThat(TimeWaitModel.gatewayTable(base.settings(), "gw").value()).isEqualTo(100.0);
        assertThat(gw.drops().get("nat: no free port")).isPositive();
        assertThat(gw.tableMax()).isEqualTo(100);               // every public port of the one destination held
        assertThat(gw.perDestinationMax()).containsEntry("10.0.1.1:443", 100L);
        assertThat((double) base.count(Counter.ESTABLISHED)).isCloseTo(10.0 * 20, within(12.0)); // the knee's rate over the run
        for (String remedy : new String[] {"2-two-public-addresses", "3-two-destinations", "4-short-conntrack-time-wait"}) {
            RunResult r = v.get(remedy);
            // each remedy doubles the tuples (or halves their hold) to the offered 20/s itself: at the knee, Poisson
            // arrivals still find no port now and then, but far less often than at twice the knee
            assertThat(r.gateways().get("gw").drops().getOrDefault("nat: no free port", 0L)).as(remedy)
                    .isLessThan(gw.drops().get("nat: no free port") / 5);
            assertThat(r.count(Counter.ESTABLISHED)).as(remedy).isGreaterThan(base.count(Counter.ESTABLISHED) * 3 / 2);
        }
        RunResult pool = v.get("5-keep-alive-pool");
        // one connection per client that had a request, kept: at most one allocation per client, however many requests
        assertThat(pool.gateways().get("gw").allocations()).isLessThanOrEqualTo(1000).isEqualTo(pool.count(Counter.ESTABLISHED));
        assertThat(pool.count(Counter.CONNECT_ATTEMPTS)).isLessThan(pool.requestsServed());
        assertThat(pool.gateways().get("gw").drops()).isEmpty();
    }

    @Test
    void a_full_queue_on_the_path_drops_syns_and_connects_take_one_three_or_seven_seconds_longer() {
        RunResult r = ScenarioTesting.single("multi-hop-queue");
        assertThat(r.passed()).as(r.verdict()).isTrue();
        assertThat(r.gateways().get("core").drops().get("queue full")).isPositive();
        assertThat(r.gateways().get("edge").drops()).isEmpty();
        Map<Long, Long> connectAt = new java.util.HashMap<>();
        java.util.TreeMap<Long, Integer> bySecond = new java.util.TreeMap<>();
        for (io.tcpemu.trace.TraceEvent e : r.events()) {
            if (e instanceof io.tcpemu.trace.TraceEvent.SocketCall c && c.host().equals("client") && c.call().startsWith("connect"))
                connectAt.put(c.connId(), c.time());
            if (e instanceof io.tcpemu.trace.TraceEvent.StateChanged s && s.host().equals("client")
                    && s.to() == io.tcpemu.tcp.State.ESTABLISHED && connectAt.containsKey(s.connId())) {
                long waited = s.time() - connectAt.get(s.connId());
                bySecond.merge(waited / 1_000_000, 1, Integer::sum);
                // a dropped SYN is sent again 1 s, then 2 s, then 4 s later: only those steps, plus the path's own delay
                assertThat(waited % 1_000_000).as("connect latency %d us", waited).isLessThan(200_000);
            }
        }
        assertThat(bySecond.keySet()).contains(0L, 1L, 3L, 7L);
        assertThat(bySecond.keySet()).allMatch(sec -> sec == 0 || sec == 1 || sec == 3 || sec == 7 || sec == 15);
        assertThat(bySecond.get(0L)).isGreaterThan(bySecond.get(1L));
    }

    @Test
    void two_syns_taking_the_same_public_tuple_at_once_lose_one_to_the_conntrack_race_unless_ports_are_random() {
        Map<String, RunResult> v = run("conntrack-race").stream().collect(Collectors.toMap(RunResult::label, r -> r));
        assertThat(v.values()).allSatisfy(r -> assertThat(r.passed()).as(r.verdict()).isTrue());
        assertThat(v.get("1-keep-port").gateways().get("gw").drops()).containsExactly(Map.entry("nat: conntrack insert clash", 1L));
        assertThat(v.get("2-random-fully").gateways().get("gw").drops()).isEmpty();
        // the loser connected one SYN retransmission (1 s) later
        assertThat(v.get("1-keep-port").metrics().handshake().max()).isGreaterThan(1_000_000);
        assertThat(v.get("2-random-fully").metrics().handshake().max()).isLessThan(100_000);
    }

    @Test
    void a_ladder_through_the_nat_still_reads_as_one_conversation() {
        RunResult r = run("conntrack-race").stream().filter(x -> x.label().equals("2-random-fully")).findFirst().orElseThrow();
        io.tcpemu.tcp.FourTuple c1 = r.connections().get("c1").tuple();
        String ladder = io.tcpemu.report.LadderText.render(io.tcpemu.report.Ladder.of(r.events(), c1));
        // the server's answers, sent to the gateway's public address, arrive as arrows to the client
        assertThat(ladder).as(ladder).contains("server 10.0.1.1:443").containsPattern("<-+ SYN ACK seq=0 ack=1 --\\| SYN-RECEIVED")
                .containsPattern("ESTABLISHED \\|-- ACK ack=1 -+>\\|");
        // so does its time-sequence graph: the server's SYN ACK is an I-beam, its numbers count from its ISN
        String graph = io.tcpemu.report.TimeSequenceSvg.render(r.events(), c1, "a", "server");
        assertThat(java.util.regex.Pattern.compile("class=\"segment\"").matcher(graph).results().count())
                .as("the SYN and the SYN ACK").isEqualTo(2);
        assertThat(graph).as("no sequence number printed raw (billions)").doesNotContainPattern(">[0-9]{1,3}(,[0-9]{3}){2,}<");
    }
}
