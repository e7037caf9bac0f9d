package io.tcpemu.runtime;

import io.tcpemu.runtime.fault.FaultRule;
import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LinkModelTest {
    static final SockAddr A = SockAddr.of("10.0.0.1", 40000);
    static final SockAddr B = SockAddr.of("10.0.0.2", 80);
    static final long MS = 1_000;

    static Segment ack() { return Segment.control(A, B, 1, 1, Flags.ACK, 1000); }

    static Segment data(int bytes) { return ack().withPayload(new byte[bytes]); }

    static LinkModel.Fate send(LinkModel m, Segment s, long now) { return m.transmit(s, State.ESTABLISHED, "a", now); }

    @Test
    void a_plain_link_delivers_after_its_delay() {
        LinkModel m = new LinkModel(LinkParams.ofDelay(10 * MS), 1);
        LinkModel.Fate f = send(m, ack(), 5 * MS);
        assertThat(f.dropped()).isFalse();
        assertThat(f.deliverAt()).isEqualTo(15 * MS);
        assertThat(f.copies()).isEmpty();
    }

    @Test
    void loss_rate_is_close_to_p_over_many_segments() {
        LinkModel m = new LinkModel(LinkParams.ofDelay(MS).withLoss(0.2), 42);
        int dropped = 0;
        for (int i = 0; i < 20_000; i++) {
            LinkModel.Fate f = send(m, ack(), i * MS);
            if (f.dropped()) {
                dropped++;
                assertThat(f.dropReason()).isEqualTo("loss");
            }
        }
        assertThat(dropped / 20_000.0).isCloseTo(0.2, within(0.015));
    }

    @ParameterizedTest
    @EnumSource(Jitter.Distribution.class)
    void jitter_stays_within_its_bound_and_keeps_order(Jitter.Distribution d) {
        Jitter jitter = new Jitter(d, 2 * MS);
        LinkModel m = new LinkModel(LinkParams.ofDelay(10 * MS).withJitter(jitter), 7);
        long last = 0;
        long maxSeen = 0;
        for (int i = 0; i < 5_000; i++) {
            long now = i * 100 * MS; // far apart, so order-keeping never stretches a delay
            long delay = send(m, ack(), now).deliverAt() - now;
            assertThat(delay).isBetween(10 * MS, 10 * MS + jitter.max());
            maxSeen = Math.max(maxSeen, delay - 10 * MS);
            assertThat(now + delay).isGreaterThanOrEqualTo(last);
            last = now + delay;
        }
        if (d != Jitter.Distribution.NONE) assertThat(maxSeen).isPositive();
        else assertThat(maxSeen).isZero();
    }

    @Test
    void jitter_samples_have_the_stated_mean() {
        SplittableRandom rnd = new SplittableRandom(3);
        Jitter uniform = new Jitter(Jitter.Distribution.UNIFORM, 1000);
        Jitter exp = new Jitter(Jitter.Distribution.EXPONENTIAL, 1000);
        double su = 0, se = 0;
        for (int i = 0; i < 50_000; i++) {
            su += uniform.sample(rnd);
            se += exp.sample(rnd);
        }
        assertThat(su / 50_000).isCloseTo(500, within(15.0));
        assertThat(se / 50_000).isCloseTo(1000, within(30.0));
    }

    @Test
    void jitter_does_not_let_a_segment_overtake_the_previous_one() {
        LinkModel m = new LinkModel(LinkParams.ofDelay(10 * MS).withJitter(new Jitter(Jitter.Distribution.UNIFORM, 5 * MS)), 9);
        long last = 0;
        for (int i = 0; i < 1_000; i++) {
            long at = send(m, ack(), i * 100).deliverAt();
            assertThat(at).isGreaterThanOrEqualTo(last);
            last = at;
        }
    }

    @Test
    void duplication_delivers_a_copy_after_the_gap() {
        LinkModel m = new LinkModel(LinkParams.ofDelay(10 * MS).withDuplicate(1.0, 3 * MS), 1);
        LinkModel.Fate f = send(m, ack(), 0);
        assertThat(f.deliverAt()).isEqualTo(10 * MS);
        assertThat(f.copies()).containsExactly(new LinkModel.Arrival(13 * MS, "duplicate"));
    }

    @Test
    void reordering_holds_a_segment_back_so_the_next_overtakes_it() {
        LinkModel m = new LinkModel(LinkParams.ofDelay(10 * MS).withReorder(1.0, 5 * MS), 1);
        long first = send(m, ack(), 0).deliverAt();
        m.setParams(m.params().withReorder(0, 0));
        long second = send(m, ack(), MS).deliverAt();
        assertThat(first).isEqualTo(15 * MS);
        assertThat(second).isEqualTo(11 * MS).isLessThan(first);
    }

    @Test
    void reordering_fraction_is_close_to_p() {
        LinkModel m = new LinkModel(LinkParams.ofDelay(10 * MS).withReorder(0.1, 20 * MS), 5);
        List<Long> arrivals = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) arrivals.add(send(m, ack(), i * MS).deliverAt());
        int overtaken = 0;
        for (int i = 0; i + 1 < arrivals.size(); i++) if (arrivals.get(i) > arrivals.get(i + 1)) overtaken++;
        assertThat(overtaken / 10_000.0).isCloseTo(0.1, within(0.02));
    }

    @Test
    void bandwidth_serialises_segments_one_after_another() {
        // 1 Mbit/s = 125,000 bytes/s: 1000 payload + 40 header bytes = 8320 µs on the wire
        LinkModel m = new LinkModel(LinkParams.ofDelay(MS).withBandwidth(125_000, 0), 1);
        assertThat(send(m, data(1000), 0).deliverAt()).isEqualTo(8_320 + MS);
        assertThat(send(m, data(1000), 0).deliverAt()).isEqualTo(2 * 8_320 + MS);
        assertThat(send(m, data(1000), 100 * MS).deliverAt()).isEqualTo(100 * MS + 8_320 + MS);
    }

    @Test
    void a_full_queue_tail_drops() {
        LinkModel m = new LinkModel(LinkParams.ofDelay(MS).withBandwidth(125_000, 2), 1);
        assertThat(send(m, data(1000), 0).dropped()).isFalse();
        assertThat(send(m, data(1000), 0).dropped()).isFalse();
        LinkModel.Fate third = send(m, data(1000), 0);
        assertThat(third.dropped()).isTrue();
        assertThat(third.dropReason()).isEqualTo("queue full");
        assertThat(send(m, data(1000), 8_320).dropped()).as("the first left the queue").isFalse();
    }

    @Test
    void msl_expiry_is_judged_by_age_at_delivery() {
        LinkModel m = new LinkModel(LinkParams.ofDelay(MS).withMsl(30_000 * MS), 1);
        assertThat(m.expired(0, 30_000 * MS)).isFalse();
        assertThat(m.expired(0, 30_000 * MS + 1)).isTrue();
        assertThat(new LinkModel(LinkParams.ofDelay(MS), 1).expired(0, Long.MAX_VALUE / 2)).as("0 = off").isFalse();
    }

    @Test
    void rules_come_first_and_name_themselves_as_the_reason() {
        LinkModel m = new LinkModel(LinkParams.ofDelay(10 * MS), 1);
        m.rules().add(FaultRule.parse("drop 2nd ack"));
        m.rules().add(FaultRule.parse("duplicate data delay 90s"));
        m.rules().add(FaultRule.parse("delay fin 3s"));
        assertThat(send(m, ack(), 0).dropped()).isFalse();
        assertThat(send(m, ack(), 0).dropReason()).isEqualTo("rule drop 2nd ack");
        LinkModel.Fate dup = send(m, data(10), 0);
        assertThat(dup.copies()).containsExactly(new LinkModel.Arrival(10 * MS + 90_000 * MS, "rule duplicate data delay 90s"));
        Segment fin = Segment.control(A, B, 1, 1, Flags.FIN | Flags.ACK, 1000);
        assertThat(send(m, fin, 0).deliverAt()).isEqualTo(3_010 * MS);
    }

    @Test
    void the_same_seed_decides_the_same_and_another_seed_differently() {
        LinkParams p = LinkParams.ofDelay(MS).withLoss(0.3).withJitter(new Jitter(Jitter.Distribution.PARETO, MS))
                .withDuplicate(0.1, MS).withReorder(0.1, 0);
        assertThat(run(p, 11)).isEqualTo(run(p, 11)).isNotEqualTo(run(p, 12));
    }

    private static List<String> run(LinkParams p, long seed) {
        LinkModel m = new LinkModel(p, seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            LinkModel.Fate f = send(m, ack(), i * 10L);
            out.add(f.dropped() ? f.dropReason() : f.deliverAt() + "/" + f.copies());
        }
        return out;
    }

    @Test
    void bad_parameters_are_named() {
        assertThatThrownBy(() -> LinkParams.IDEAL.withLoss(1.5))
                .hasMessage("link loss must be a probability in 0..1, got 1.5");
        assertThatThrownBy(() -> LinkParams.ofDelay(-1)).hasMessage("link delay must be ≥ 0, got -1");
        assertThatThrownBy(() -> Jitter.Distribution.parse("gauss"))
                .hasMessage("unknown jitter distribution 'gauss': expected none, uniform, normal, exponential or pareto");
    }
}
