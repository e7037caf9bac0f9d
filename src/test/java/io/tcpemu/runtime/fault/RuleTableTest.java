package io.tcpemu.runtime.fault;

import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RuleTableTest {
    static final SockAddr A = SockAddr.of("10.0.0.1", 40000);
    static final SockAddr A2 = SockAddr.of("10.0.0.1", 40001);
    static final SockAddr B = SockAddr.of("10.0.0.2", 80);

    static Segment seg(SockAddr src, SockAddr dst, int flags) { return Segment.control(src, dst, 1, 1, flags, 1000); }

    @Test
    void nth_occurrence_fires_once_on_exactly_that_match() {
        RuleTable t = new RuleTable();
        t.add(FaultRule.parse("drop 2nd syn"));
        assertThat(t.apply(seg(A, B, Flags.SYN), State.SYN_SENT, "a")).isEmpty();
        assertThat(t.apply(seg(B, A, Flags.SYN | Flags.ACK), State.SYN_RECEIVED, "b")).isEmpty(); // not a pure SYN
        assertThat(t.apply(seg(A, B, Flags.SYN), State.SYN_SENT, "a")).hasSize(1);
        assertThat(t.apply(seg(A, B, Flags.SYN), State.SYN_SENT, "a")).isEmpty();
        assertThat(t.entries().get(0).matches()).isEqualTo(3);
    }

    @Test
    void sender_state_picks_the_ack_sent_in_time_wait() {
        RuleTable t = new RuleTable();
        t.add(FaultRule.parse("drop ack in TIME-WAIT from a"));
        assertThat(t.apply(seg(A, B, Flags.ACK), State.ESTABLISHED, "a")).isEmpty();
        assertThat(t.apply(seg(A, B, Flags.FIN | Flags.ACK), State.TIME_WAIT, "a")).isEmpty();
        assertThat(t.apply(seg(A, B, Flags.ACK), State.TIME_WAIT, "a")).extracting(RuleTable.Fired::action)
                .containsExactly(new FaultAction.Drop());
    }

    @Test
    void direction_is_the_sending_host() {
        RuleTable t = new RuleTable();
        t.add(FaultRule.parse("drop fin from b"));
        assertThat(t.apply(seg(A, B, Flags.FIN | Flags.ACK), State.FIN_WAIT_1, "a")).isEmpty();
        assertThat(t.apply(seg(B, A, Flags.FIN | Flags.ACK), State.LAST_ACK, "b")).hasSize(1);
        assertThat(t.apply(seg(B, A, Flags.FIN | Flags.ACK), State.LAST_ACK, "b")).hasSize(1);
    }

    @Test
    void excluded_flags_and_payload_narrow_the_match() {
        RuleTable t = new RuleTable();
        t.add(FaultRule.parse("drop rst -ack"));
        t.add(FaultRule.parse("delay ack with data 1s"));
        assertThat(t.apply(seg(B, A, Flags.RST | Flags.ACK), State.CLOSED, "b")).isEmpty();
        assertThat(t.apply(seg(B, A, Flags.RST), State.CLOSED, "b")).hasSize(1);
        assertThat(t.apply(seg(A, B, Flags.ACK), State.ESTABLISHED, "a")).isEmpty();
        assertThat(t.apply(seg(A, B, Flags.ACK).withPayload(new byte[5]), State.ESTABLISHED, "a"))
                .extracting(RuleTable.Fired::action).containsExactly(new FaultAction.Delay(1_000_000));
    }

    @Test
    void connection_ordinals_count_connections_in_the_order_seen() {
        RuleTable t = new RuleTable();
        t.add(FaultRule.parse("drop syn of conn 2"));
        assertThat(t.apply(seg(A, B, Flags.SYN), State.SYN_SENT, "a")).isEmpty();
        assertThat(t.apply(seg(A2, B, Flags.SYN), State.SYN_SENT, "a")).hasSize(1);
        assertThat(t.apply(seg(A, B, Flags.SYN), State.SYN_SENT, "a")).isEmpty();
        assertThat(t.apply(seg(A2, B, Flags.SYN), State.SYN_SENT, "a")).hasSize(1);
    }

    @Test
    void rules_are_removed_by_id_and_all_matching_rules_fire_in_order() {
        RuleTable t = new RuleTable();
        int delay = t.add(FaultRule.parse("delay syn 1s"));
        t.add(FaultRule.parse("duplicate syn delay 2s"));
        assertThat(t.apply(seg(A, B, Flags.SYN), State.SYN_SENT, "a")).extracting(RuleTable.Fired::action)
                .containsExactly(new FaultAction.Delay(1_000_000), new FaultAction.Duplicate(2_000_000));
        assertThat(t.remove(delay)).isTrue();
        assertThat(t.remove(delay)).isFalse();
        assertThat(t.entries()).extracting(e -> e.rule().text()).containsExactly("duplicate syn delay 2s");
    }
}
