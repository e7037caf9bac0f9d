package io.tcpemu.tcp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 7323 timestamps: negotiated on the SYNs, on every segment after, TS.Recent and PAWS. */
class TimestampsTest extends ConnectionFixtures {
    private static final TcpConfig TS = RFC.withTimestamps(true);

    private static Segment withTs(Segment s, long tsVal, long tsEcr) {
        return new Segment(s.src(), s.dst(), s.seq(), s.ack(), s.flags(), s.window(), s.mss(), tsVal, tsEcr,
                s.payload(), s.origin());
    }

    /** Our TSval at {@code time}: the millisecond clock plus the connection's random offset. */
    private static long tsAt(long time) { return TimeWait.tsVal(time, ISN.timestampOffset(TUPLE)); }

    @Test
    void tsval_is_a_millisecond_clock_plus_an_offset_per_address_pair() {
        assertThat(tsAt(ms(20)) - tsAt(ms(10))).isEqualTo(10);
        assertThat(ISN.timestampOffset(TUPLE)).as("random, not zero").isNotZero();
        FourTuple otherPort = new FourTuple(SockAddr.of("10.0.0.1", 40001), REMOTE);
        FourTuple otherHost = new FourTuple(LOCAL, SockAddr.of("10.0.0.3", 80));
        assertThat(ISN.timestampOffset(otherPort)).as("the same two hosts share it").isEqualTo(ISN.timestampOffset(TUPLE));
        assertThat(ISN.timestampOffset(otherHost)).isNotEqualTo(ISN.timestampOffset(TUPLE));
        assertThat(new IsnGenerator(43).timestampOffset(TUPLE)).as("from the seed").isNotEqualTo(ISN.timestampOffset(TUPLE));
    }

    private static Tcb establishedWithTimestamps() {
        Tcb s = closed(TS);
        s.conn().connect(LOCAL, REMOTE, T0);
        recv(s, withTs(ourSyn(), tsAt(T0), 0));
        send(s, ms(10), withTs(peerSynAck(), 5000, tsAt(T0)));
        recv(s, withTs(ours(LOCAL_SEQ + 1, REMOTE_SEQ + 1, Flags.ACK), tsAt(ms(10)), 5000));
        s.fx().clear();
        return s;
    }

    @Test
    void both_sides_offering_turns_them_on_for_every_segment() {
        Tcb s = establishedWithTimestamps();
        assertThat(s.conn().timestampsOn()).isTrue();
        s.conn().send(bytes("hi"), 0, 2, ms(20));
        recv(s, withTs(oursData(LOCAL_SEQ + 1, REMOTE_SEQ + 1, Flags.PSH | Flags.ACK, "hi"), tsAt(ms(20)), 5000));
        send(s, ms(30), withTs(peer(REMOTE_SEQ + 1, LOCAL_SEQ + 3, Flags.FIN | Flags.ACK), 5020, tsAt(ms(20))));
        recv(s, withTs(ours(LOCAL_SEQ + 3, REMOTE_SEQ + 2, Flags.ACK), tsAt(ms(30)), 5020));
    }

    @Test
    void no_timestamps_when_the_peer_does_not_offer_them() {
        Tcb s = closed(TS);
        s.conn().connect(LOCAL, REMOTE, T0);
        s.fx().sent.clear();
        send(s, ms(10), peerSynAck());
        recv(s, ours(LOCAL_SEQ + 1, REMOTE_SEQ + 1, Flags.ACK));
        assertThat(s.conn().timestampsOn()).isFalse();
    }

    @Test
    void no_timestamps_when_the_policy_is_off_even_if_the_peer_offers() {
        Tcb s = synSent(RFC);
        send(s, ms(10), withTs(peerSynAck(), 5000, 0));
        recv(s, ours(LOCAL_SEQ + 1, REMOTE_SEQ + 1, Flags.ACK));
    }

    @Test
    void a_passive_open_echoes_the_syn_timestamp() {
        Tcb s = closed(TS);
        s.conn().listen(LOCAL);
        send(s, T0, withTs(peerSyn(), 777, 0));
        recv(s, withTs(ourSynAck(), tsAt(T0), 777));
    }

    @Test
    void paws_drops_a_segment_with_an_older_timestamp() {
        Tcb s = establishedWithTimestamps();
        send(s, ms(20), withTs(peerData(REMOTE_SEQ + 1, LOCAL_SEQ + 1, "old"), 4000, 0));
        recv(s, withTs(ours(LOCAL_SEQ + 1, REMOTE_SEQ + 1, Flags.ACK), tsAt(ms(20)), 5000));
        assertThat(s.conn().readable()).isZero();
        // an older RST is not subject to PAWS
        send(s, ms(21), withTs(peer(REMOTE_SEQ + 1, 0, Flags.RST), 4000, 0));
        assertThat(s.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void the_time_wait_entry_keeps_ts_recent() {
        Tcb s = establishedWithTimestamps();
        s.conn().close(ms(20));
        send(s, ms(30), withTs(peer(REMOTE_SEQ + 1, LOCAL_SEQ + 2, Flags.FIN | Flags.ACK), 6000, tsAt(ms(20))));
        assertThat(s.state()).isEqualTo(State.TIME_WAIT);
        assertThat(s.conn().timeWaitEntry().tsRecent()).isEqualTo(6000);
    }
}
