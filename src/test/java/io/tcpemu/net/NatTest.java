package io.tcpemu.net;

import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NatTest {
    private static final int PUBLIC = SockAddr.parseIp("203.0.113.1");
    private static final SockAddr SERVER = SockAddr.of("10.0.1.1", 443);
    private static final long S = 1_000_000;

    private static Nat nat(int first, int last, NatPorts.Algorithm algorithm, long timeWait) {
        ConntrackTimeouts t = new ConntrackTimeouts(120 * S, 60 * S, 432_000 * S, 120 * S, 30 * S, timeWait, 10 * S);
        return new Nat(new NatSpec(List.of(PUBLIC), first, last, algorithm, t, List.of("server")), 7);
    }

    private static Segment seg(SockAddr src, SockAddr dst, int flags) { return Segment.control(src, dst, 0, 0, flags, 1000); }

    private static SockAddr client(int n, int port) { return new SockAddr(SockAddr.parseIp("10.0.0." + n), port); }

    /** Handshake and close through the gateway; returns the public tuple it used. */
    private static SockAddr connectAndClose(Nat nat, SockAddr c, long now) {
        Nat.Verdict syn = nat.outbound(seg(c, SERVER, Flags.SYN), now);
        SockAddr mapped = syn.segment().src();
        assertThat(nat.confirm(syn.segment(), syn.entry()).dropped()).isFalse();
        assertThat(nat.inbound(seg(SERVER, mapped, Flags.SYN | Flags.ACK), now).segment().dst()).isEqualTo(c);
        nat.outbound(seg(c, SERVER, Flags.ACK), now);
        nat.outbound(seg(c, SERVER, Flags.FIN | Flags.ACK), now);
        nat.inbound(seg(SERVER, mapped, Flags.FIN | Flags.ACK), now);
        nat.outbound(seg(c, SERVER, Flags.ACK), now);
        return mapped;
    }

    @Test
    void a_connection_is_rewritten_both_ways_and_its_entry_ends_in_time_wait() {
        Nat nat = nat(1024, 1025, NatPorts.Algorithm.HASH, 120 * S);
        SockAddr mapped = connectAndClose(nat, client(1, 40000), 0);
        assertThat(mapped.ip()).isEqualTo(PUBLIC);
        assertThat(nat.table().byState()).containsEntry(CtState.TIME_WAIT, 1);
        assertThat(nat.table().perDestination()).containsEntry(SERVER, 1);
        assertThat(nat.table().expire(120 * S - 1)).isEmpty();
        assertThat(nat.table().expire(120 * S)).hasSize(1);
        assertThat(nat.table().size()).isZero();
    }

    @Test
    void ports_held_in_time_wait_run_out_and_the_next_syn_is_dropped_until_one_expires() {
        Nat nat = nat(1024, 1025, NatPorts.Algorithm.SEQUENTIAL, 120 * S);
        connectAndClose(nat, client(1, 40000), 0);
        connectAndClose(nat, client(2, 40000), 0);
        Nat.Verdict third = nat.outbound(seg(client(3, 40000), SERVER, Flags.SYN), S);
        assertThat(third.drop()).isEqualTo(Nat.Drop.NO_PORT);
        assertThat(nat.drops(Nat.Drop.NO_PORT)).isEqualTo(1);
        // another destination still has both ports
        Nat.Verdict other = nat.outbound(seg(client(3, 40000), SockAddr.of("10.0.2.1", 443), Flags.SYN), S);
        assertThat(other.dropped()).isFalse();
        nat.table().expire(120 * S);
        assertThat(nat.outbound(seg(client(4, 40000), SERVER, Flags.SYN), 120 * S).dropped()).isFalse();
    }

    @Test
    void two_syns_that_take_the_same_tuple_before_either_is_confirmed_clash_and_the_later_is_dropped() {
        Nat nat = nat(1024, 65535, NatPorts.Algorithm.HASH, 120 * S);
        Nat.Verdict first = nat.outbound(seg(client(1, 40000), SERVER, Flags.SYN), 0);
        Nat.Verdict second = nat.outbound(seg(client(2, 40000), SERVER, Flags.SYN), 0);
        assertThat(second.segment().src()).isEqualTo(first.segment().src()); // both kept port 40000
        assertThat(nat.confirm(first.segment(), first.entry()).dropped()).isFalse();
        assertThat(nat.confirm(second.segment(), second.entry()).drop()).isEqualTo(Nat.Drop.CLASH);
        // its retransmitted SYN finds the port taken and gets another
        Nat.Verdict retry = nat.outbound(seg(client(2, 40000), SERVER, Flags.SYN), S);
        assertThat(retry.segment().src().port()).isNotEqualTo(40000);
        assertThat(nat.confirm(retry.segment(), retry.entry()).dropped()).isFalse();
    }

    @Test
    void a_new_syn_on_a_tuple_in_time_wait_reopens_it_and_a_stray_segment_is_dropped() {
        Nat nat = nat(1024, 65535, NatPorts.Algorithm.HASH, 120 * S);
        connectAndClose(nat, client(1, 40000), 0);
        Nat.Verdict again = nat.outbound(seg(client(1, 40000), SERVER, Flags.SYN), S);
        assertThat(again.replaced()).isNotNull();
        assertThat(again.replaced().state()).isEqualTo(CtState.TIME_WAIT);
        assertThat(nat.outbound(seg(client(9, 1), SERVER, Flags.ACK), S).drop()).isEqualTo(Nat.Drop.NO_ENTRY);
        assertThat(nat.inbound(seg(SERVER, new SockAddr(PUBLIC, 9999), Flags.ACK), S).drop()).isEqualTo(Nat.Drop.NO_ENTRY);
    }
}
