package io.tcpemu.metrics;

import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.Notice;
import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceEvent.SegmentAction;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.tcpemu.metrics.Trace.call;
import static io.tcpemu.metrics.Trace.hostEvent;
import static io.tcpemu.metrics.Trace.notice;
import static io.tcpemu.metrics.Trace.segment;
import static io.tcpemu.metrics.Trace.sent;
import static io.tcpemu.metrics.Trace.state;
import static io.tcpemu.tcp.State.CLOSED;
import static io.tcpemu.tcp.State.ESTABLISHED;
import static io.tcpemu.tcp.State.FIN_WAIT_1;
import static io.tcpemu.tcp.State.FIN_WAIT_2;
import static io.tcpemu.tcp.State.CLOSE_WAIT;
import static io.tcpemu.tcp.State.LAST_ACK;
import static io.tcpemu.tcp.State.LISTEN;
import static io.tcpemu.tcp.State.SYN_RECEIVED;
import static io.tcpemu.tcp.State.SYN_SENT;
import static io.tcpemu.tcp.State.TIME_WAIT;
import static org.assertj.core.api.Assertions.assertThat;

class MetricsCollectorTest {

    private static Metrics run(long interval, long end, List<TraceEvent> events) {
        MetricsCollector c = new MetricsCollector(interval);
        events.forEach(c::accept);
        return c.finish(end);
    }

    /** a connects to b at 0, both close by 13 ms, a leaves TIME-WAIT at 72 ms. */
    private static final List<TraceEvent> ONE_CONNECTION = List.of(
            call(0, "a", "connect 10.0.0.2:80", "EINPROGRESS"),
            state(0, "a", 1, CLOSED, SYN_SENT),
            state(1_000, "b", 2, LISTEN, SYN_RECEIVED),
            state(2_000, "a", 1, SYN_SENT, ESTABLISHED),
            state(3_000, "b", 2, SYN_RECEIVED, ESTABLISHED),
            state(10_000, "a", 1, ESTABLISHED, FIN_WAIT_1),
            state(11_000, "b", 2, ESTABLISHED, CLOSE_WAIT),
            state(11_000, "a", 1, FIN_WAIT_1, FIN_WAIT_2),
            state(11_500, "b", 2, CLOSE_WAIT, LAST_ACK),
            state(12_000, "a", 1, FIN_WAIT_2, TIME_WAIT),
            state(13_000, "b", 2, LAST_ACK, CLOSED),
            state(72_000, "a", 1, TIME_WAIT, CLOSED));

    @Test
    void one_connection_is_counted_timed_and_sampled() {
        Metrics m = run(10_000, 100_000, ONE_CONNECTION);

        assertThat(m.count(Counter.CONNECT_ATTEMPTS)).isEqualTo(1);
        assertThat(m.count(Counter.ESTABLISHED)).isEqualTo(1);
        assertThat(m.count(Counter.MAX_TIME_WAIT)).isEqualTo(1);
        assertThat(m.handshake()).isEqualTo(new Percentiles(1, 2_000, 2_000, 2_000, 2_000));
        assertThat(m.lifetime().count()).isEqualTo(2);
        assertThat(m.lifetime().max()).isEqualTo(72_000);
        assertThat(m.lifetime().p50()).isEqualTo(12_000); // b: 1 ms to 13 ms

        HostSeries a = m.host("a");
        assertThat(a.samples()).isEqualTo(11); // 0, 10 ms, ..., 100 ms
        assertThat(a.inState(0, SYN_SENT)).isEqualTo(1);
        assertThat(a.inState(1, FIN_WAIT_1)).isEqualTo(1); // the FIN left at exactly 10 ms
        int[] timeWait = new int[a.samples()];
        int[] ports = new int[a.samples()];
        for (int k = 0; k < a.samples(); k++) { timeWait[k] = a.inState(k, TIME_WAIT); ports[k] = a.portsInUse(k); }
        assertThat(timeWait).containsExactly(0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0);
        assertThat(ports).containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0);
        assertThat(m.host("b").portsInUse(1)).isZero(); // passive opens hold no ephemeral port
        assertThat(m.host("b").inState(1, LAST_ACK)).isZero();
        assertThat(m.host("b").inState(1, CLOSED)).isZero();
    }

    @Test
    void transitions_are_counted_per_state_pair() {
        Metrics m = run(10_000, 100_000, ONE_CONNECTION);
        assertThat(m.transitions(CLOSED, SYN_SENT)).isEqualTo(1);
        assertThat(m.transitions(TIME_WAIT, CLOSED)).isEqualTo(1);
        assertThat(m.transitions(LAST_ACK, CLOSED)).isEqualTo(1);
        assertThat(m.transitions(ESTABLISHED, FIN_WAIT_1)).isEqualTo(1);
        assertThat(m.transitions(SYN_SENT, SYN_RECEIVED)).isZero();
    }

    @Test
    void segments_are_counted_by_fate() {
        Metrics m = run(1_000, 0, List.of(
                sent(0, Flags.SYN, 0, false),
                sent(0, Flags.SYN, 0, true),
                sent(0, Flags.ACK | Flags.PSH, 100, false),
                sent(0, Flags.RST, 0, false),
                segment(0, SegmentAction.DELIVERED),
                segment(0, SegmentAction.DROPPED),
                segment(0, SegmentAction.DROPPED),
                segment(0, SegmentAction.DUPLICATED)));
        assertThat(m.count(Counter.SEGMENTS_SENT)).isEqualTo(4);
        assertThat(m.count(Counter.RETRANSMISSIONS)).isEqualTo(1);
        assertThat(m.count(Counter.RSTS_SENT)).isEqualTo(1);
        assertThat(m.count(Counter.BYTES_SENT)).isEqualTo(100);
        assertThat(m.count(Counter.SEGMENTS_DELIVERED)).isEqualTo(1);
        assertThat(m.count(Counter.SEGMENTS_DROPPED)).isEqualTo(2);
        assertThat(m.count(Counter.SEGMENTS_DUPLICATED)).isEqualTo(1);
    }

    @Test
    void connect_outcomes_come_from_notices_and_socket_calls() {
        Metrics m = run(1_000, 0, List.of(
                call(0, "a", "connect 10.0.0.2:80", "EADDRNOTAVAIL"),
                call(0, "a", "connect 10.0.0.2:80", "EINPROGRESS"),
                call(0, "a", "close", "ok"),
                notice(0, "a", 1, Notice.REFUSED),
                notice(0, "a", 2, Notice.TIMED_OUT),
                notice(0, "a", 3, Notice.TIMED_OUT),
                notice(0, "b", 4, Notice.RESET),
                notice(0, "b", 4, Notice.CONNECTED)));
        assertThat(m.counterMap()).containsEntry("connect-attempts", 2L).containsEntry("addr-not-avail", 1L)
                .containsEntry("refused", 1L).containsEntry("timed-out", 2L).containsEntry("reset", 1L)
                .containsEntry("established", 0L);
    }

    @Test
    void attempts_still_in_syn_sent_when_the_run_ends_are_counted_so_the_attempts_add_up() {
        Metrics m = run(1_000, 5_000, List.of(
                call(0, "a", "connect 10.0.0.2:80", "EINPROGRESS"),
                state(0, "a", 1, CLOSED, SYN_SENT),
                call(0, "a", "connect 10.0.0.3:80", "EINPROGRESS"),
                state(0, "a", 2, CLOSED, SYN_SENT),
                call(1_000, "c", "connect 10.0.0.2:80", "EINPROGRESS"),
                state(1_000, "c", 3, CLOSED, SYN_SENT),
                state(2_000, "a", 1, SYN_SENT, ESTABLISHED)));
        assertThat(m.count(Counter.CONNECT_ATTEMPTS)).isEqualTo(3);
        assertThat(m.count(Counter.ESTABLISHED)).isEqualTo(1);
        assertThat(m.count(Counter.CONNECTING_AT_END)).as("a's second and c's").isEqualTo(2);
    }

    @Test
    void stale_data_counts_bytes_from_the_host_event_detail() {
        Metrics m = run(1_000, 0, List.of(
                hostEvent(0, "b", "stale-data", StaleData.detail(100, 7, 3, 1000)),
                hostEvent(0, "b", "stale-data", "conn=8 bytes=20"),
                hostEvent(0, "b", "port-exhausted", ""),
                hostEvent(0, "a", "port-exhausted", "")));
        assertThat(m.count(Counter.STALE_BYTES)).isEqualTo(120);
        assertThat(m.count(Counter.STALE_SEGMENTS)).isEqualTo(2);
        assertThat(m.hostEvents()).isEqualTo(Map.of("stale-data", 2L, "port-exhausted", 2L));
    }

    @Test
    void a_refused_connect_frees_its_port_and_is_not_established() {
        Metrics m = run(1_000, 3_000, List.of(
                state(0, "a", 1, CLOSED, SYN_SENT),
                notice(2_000, "a", 1, Notice.REFUSED),
                state(2_000, "a", 1, SYN_SENT, CLOSED)));
        assertThat(m.count(Counter.ESTABLISHED)).isZero();
        assertThat(m.handshake().count()).isZero();
        assertThat(m.lifetime()).isEqualTo(new Percentiles(1, 2_000, 2_000, 2_000, 2_000));
        assertThat(m.host("a").portsInUse(1)).isEqualTo(1);
        assertThat(m.host("a").portsInUse(2)).isZero();
    }

    @Test
    void time_wait_high_water_mark_spans_hosts_and_a_late_host_has_zeros_before() {
        Metrics m = run(1_000, 5_000, List.of(
                state(0, "a", 1, FIN_WAIT_2, TIME_WAIT),
                state(1_500, "a", 2, FIN_WAIT_2, TIME_WAIT),
                state(2_500, "c", 3, LAST_ACK, TIME_WAIT),
                state(3_500, "a", 1, TIME_WAIT, CLOSED),
                state(4_500, "c", 3, TIME_WAIT, CLOSED)));
        assertThat(m.count(Counter.MAX_TIME_WAIT)).isEqualTo(3);
        HostSeries c = m.host("c");
        assertThat(c.samples()).isEqualTo(6);
        assertThat(c.inState(0, TIME_WAIT)).isZero();
        assertThat(c.inState(2, TIME_WAIT)).isZero();
        assertThat(c.inState(3, TIME_WAIT)).isEqualTo(1);
        assertThat(c.inState(5, TIME_WAIT)).isZero();
        assertThat(m.total(3, TIME_WAIT)).isEqualTo(3);
        assertThat(m.total(4, TIME_WAIT)).isEqualTo(2);
        assertThat(m.host("a").max(TIME_WAIT)).isEqualTo(2);
    }

    @Test
    void many_connections_give_exact_percentiles() {
        MetricsCollector c = new MetricsCollector(1_000_000);
        for (int i = 1; i <= 1000; i++) {
            long t = i * 10_000L;
            c.accept(state(t, "a", i, CLOSED, SYN_SENT));
            c.accept(state(t + i, "a", i, SYN_SENT, ESTABLISHED)); // handshake of i microseconds
            c.accept(state(t + 5_000, "a", i, ESTABLISHED, CLOSED));
        }
        Metrics m = c.finish(20_000_000);
        assertThat(m.handshake()).isEqualTo(new Percentiles(1000, 500, 900, 990, 1000));
        assertThat(m.lifetime()).isEqualTo(new Percentiles(1000, 5_000, 5_000, 5_000, 5_000));
        assertThat(m.count(Counter.ESTABLISHED)).isEqualTo(1000);
        assertThat(m.host("a").maxPortsInUse()).isEqualTo(1);
        assertThat(m.host("a").portsInUse(m.host("a").samples() - 1)).isZero();
        assertThat(m.host("a").inState(0, State.ESTABLISHED)).isZero();
    }

    // ---- issue 15: figures that must be exact ----------------------------------------------

    /** handshake.conf in small: c1 is ESTABLISHED from 20 ms, the run ends at 25 ms, samples every 100 ms. */
    private static final List<TraceEvent> ESTABLISHED_BETWEEN_SAMPLES = List.of(
            call(0, "b", "listen 80", "ok"),
            call(10_000, "a", "connect 10.0.0.2:80", "EINPROGRESS"),
            state(10_000, "a", 1, CLOSED, SYN_SENT),
            state(15_000, "b", 2, CLOSED, LISTEN),
            state(15_000, "b", 2, LISTEN, SYN_RECEIVED),
            state(20_000, "a", 1, SYN_SENT, ESTABLISHED),
            state(25_000, "b", 2, SYN_RECEIVED, ESTABLISHED));

    @Test
    void maxima_are_exact_even_between_samples() {
        Metrics m = run(100_000, 25_000, ESTABLISHED_BETWEEN_SAMPLES);
        assertThat(m.host("a").maxPortsInUse()).isEqualTo(1);
        assertThat(m.host("a").max(ESTABLISHED)).isEqualTo(1);
        assertThat(m.host("a").max(SYN_SENT)).isEqualTo(1);
        assertThat(m.host("b").max(SYN_RECEIVED)).isEqualTo(1);
    }

    @Test
    void the_series_ends_with_a_sample_at_the_end_of_the_run() {
        Metrics m = run(100_000, 25_000, ESTABLISHED_BETWEEN_SAMPLES);
        HostSeries a = m.host("a");
        assertThat(a.samples()).isEqualTo(2);
        assertThat(a.time(0)).isZero();
        assertThat(a.time(1)).isEqualTo(25_000);
        assertThat(a.inState(1, ESTABLISHED)).isEqualTo(1);
        assertThat(a.portsInUse(1)).isEqualTo(1);
        assertThat(m.host("b").inState(1, ESTABLISHED)).isEqualTo(1);
    }

    @Test
    void a_run_ending_on_a_sample_gets_no_second_sample_there() {
        Metrics m = run(10_000, 100_000, ONE_CONNECTION);
        assertThat(m.host("a").samples()).isEqualTo(11);
        assertThat(m.host("a").time(10)).isEqualTo(100_000);
    }

    /**
     * A host at its TIME-WAIT cap: the end enters TIME-WAIT and the host closes it at the same
     * instant, so it never holds a 101st entry; the counter and the per-host maximum agree.
     */
    @Test
    void a_state_left_at_the_instant_it_was_entered_is_never_held() {
        Metrics m = run(100_000, 10_000, List.of(
                state(1_000, "a", 1, FIN_WAIT_2, TIME_WAIT),
                state(2_000, "a", 2, FIN_WAIT_2, TIME_WAIT),
                state(2_000, "a", 2, TIME_WAIT, CLOSED)));
        assertThat(m.count(Counter.MAX_TIME_WAIT)).isEqualTo(1);
        assertThat(m.host("a").max(TIME_WAIT)).isEqualTo(1);
    }

    @Test
    void the_time_wait_high_water_mark_is_exact_between_samples() {
        Metrics m = run(100_000, 300_000, List.of(
                state(10_000, "a", 1, FIN_WAIT_2, TIME_WAIT),
                state(20_000, "b", 2, FIN_WAIT_2, TIME_WAIT),
                state(30_000, "a", 1, TIME_WAIT, CLOSED),
                state(40_000, "b", 2, TIME_WAIT, CLOSED)));
        assertThat(m.count(Counter.MAX_TIME_WAIT)).isEqualTo(2);
        assertThat(m.host("a").max(TIME_WAIT)).isEqualTo(1);
        assertThat(m.host("b").max(TIME_WAIT)).isEqualTo(1);
    }

    /**
     * counters.csv's listens and transitions.csv's CLOSED → LISTEN are one figure, the listener's
     * passive OPEN: the CLOSED → LISTEN the runtime traces for each child it makes from a SYN was
     * counted as a listen too (2 here, for one listen call).
     */
    @Test
    void listen_calls_are_counted_once_each_whatever_they_accept_in_counters_and_transitions_alike() {
        Metrics m = run(100_000, 25_000, List.of(
                call(0, "b", "listen 80", "ok"),
                call(0, "b", "listen 80", "EADDRINUSE"),
                state(1_000, "b", 2, CLOSED, LISTEN),
                state(1_000, "b", 2, LISTEN, SYN_RECEIVED),
                state(1_000, "b", 3, CLOSED, LISTEN),
                state(1_000, "b", 3, LISTEN, SYN_RECEIVED)));
        assertThat(m.count(Counter.LISTENS)).isEqualTo(1);
        assertThat(m.transitions(CLOSED, LISTEN)).isEqualTo(1);
        assertThat(m.transitions(LISTEN, SYN_RECEIVED)).isEqualTo(2);
    }

    /** A two-way handshake: the server goes LISTEN → ESTABLISHED on a bare SYN. */
    @Test
    void a_connection_opened_by_a_two_way_handshake_has_a_lifetime() {
        Metrics m = run(100_000, 1_000_000, List.of(
                state(0, "b", 2, CLOSED, LISTEN),
                state(5_000, "b", 2, LISTEN, ESTABLISHED),
                state(505_000, "b", 2, ESTABLISHED, CLOSED)));
        assertThat(m.lifetime()).isEqualTo(new Percentiles(1, 500_000, 500_000, 500_000, 500_000));
    }

    @Test
    void the_steady_state_mean_covers_only_the_second_half_of_the_active_period() {
        // TIME-WAIT 1 from 0 to 1 s, 2 from 1 s to 2 s (the workload's end), then drains to 0 by 3 s.
        Metrics m = run(100_000, 4_000_000, List.of(
                state(0, "a", 1, FIN_WAIT_2, TIME_WAIT),
                state(1_000_000, "a", 2, FIN_WAIT_2, TIME_WAIT),
                state(2_500_000, "a", 1, TIME_WAIT, CLOSED),
                state(3_000_000, "a", 2, TIME_WAIT, CLOSED))).withActivePeriod(0, 2_000_000);
        assertThat(m.steadyFrom()).isEqualTo(1_000_000);
        assertThat(m.steadyUntil()).isEqualTo(2_000_000);
        assertThat(m.host("a").mean(TIME_WAIT, m.steadyFrom(), m.steadyUntil())).isEqualTo(2.0);
    }

    /** A run asked to end before its last event (an answer that came in after the duration) ends at that event. */
    @Test
    void the_run_ends_no_earlier_than_its_last_event() {
        Metrics m = run(100_000, 10_000, ESTABLISHED_BETWEEN_SAMPLES);
        assertThat(m.endTime()).isEqualTo(25_000);
        assertThat(m.host("a").time(m.host("a").samples() - 1)).isEqualTo(25_000);
        assertThat(m.host("a").inState(m.host("a").samples() - 1, ESTABLISHED)).isEqualTo(1);
    }

    /** Issue 22: 1 µs samples over a second would be a million; they are coarsened to fit, and still right. */
    @Test
    void samples_too_many_for_the_run_are_coarsened_and_stay_right() {
        MetricsCollector c = new MetricsCollector(1);
        ONE_CONNECTION.forEach(c::accept);
        Metrics m = c.finish(1_000_000);
        HostSeries a = m.hosts().get("a");

        assertThat(c.coarsened()).isTrue();
        assertThat(a.interval()).isEqualTo(16).isEqualTo(c.sampleInterval());   // 1 µs doubled until a second fits in 100,000
        assertThat(a.samples()).isLessThanOrEqualTo(MetricsCollector.MAX_SAMPLES).isEqualTo(62_501);
        assertThat(a.time(a.samples() - 1)).isEqualTo(1_000_000);
        assertThat(a.inState(4_992 / 16, ESTABLISHED)).isEqualTo(1);        // 5 ms: established
        assertThat(a.inState(20_000 / 16, TIME_WAIT)).isEqualTo(1);         // 20 ms: in TIME-WAIT
        assertThat(a.inState(80_000 / 16, TIME_WAIT)).isZero();             // 80 ms: closed
        assertThat(a.max(TIME_WAIT)).isEqualTo(1);
    }

    /** Issue 22: 30 days at 1 µs (2.6 × 10^12 samples) ran out of memory; now it is a bounded series over the whole run. */
    @Test
    void thirty_days_at_one_microsecond_fit() {
        long thirtyDays = 30L * 24 * 3600 * 1_000_000;
        MetricsCollector c = new MetricsCollector(1);
        c.accept(state(0, "a", 1, CLOSED, SYN_SENT));
        c.accept(state(thirtyDays, "a", 1, SYN_SENT, CLOSED));
        HostSeries a = c.finish(thirtyDays).hosts().get("a");

        assertThat(a.samples()).isBetween(MetricsCollector.MAX_SAMPLES / 2, MetricsCollector.MAX_SAMPLES + 1);
        assertThat(a.time(a.samples() - 1)).isEqualTo(thirtyDays);
        assertThat(a.inState(a.samples() / 2, SYN_SENT)).isEqualTo(1);
        assertThat(a.inState(a.samples() - 1, SYN_SENT)).isZero();
    }

    @Test
    void a_run_within_the_limit_keeps_its_interval() {
        MetricsCollector c = new MetricsCollector(10_000);
        ONE_CONNECTION.forEach(c::accept);
        assertThat(c.finish(100_000).hosts().get("a").interval()).isEqualTo(10_000);
        assertThat(c.coarsened()).isFalse();
    }
}
