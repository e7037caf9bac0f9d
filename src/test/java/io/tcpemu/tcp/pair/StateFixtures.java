package io.tcpemu.tcp.pair;

import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.Seq;
import io.tcpemu.tcp.State;
import io.tcpemu.tcp.TcpConfig;

/**
 * A connection in each state, reached by driving real connections on a {@link CorePair}
 * (smoltcp's {@code socket_syn_sent()}, {@code socket_time_wait()}...), with the numbers a test
 * needs to build segments for it.
 */
final class StateFixtures {
    private StateFixtures() {}

    /** A peer ISN for states that have not heard from the peer yet. */
    static final int PEER_ISN = 90_000;
    /** SND.NXT of a socket that never sent anything. */
    static final int NOTHING_SENT = 5_000;

    /**
     * @param side    the end in the state under test
     * @param inbound the direction segments travel to it
     * @param sndNxt  its SND.NXT
     * @param rcvNxt  its RCV.NXT (or {@link #PEER_ISN} before it heard from the peer)
     */
    record Subject(CorePair pair, PairSide side, Dir inbound, int sndNxt, int rcvNxt) {
        /** The peer's segment toward the subject. */
        Segment segment(int seq, int ack, int flags) {
            PairSide peer = side == pair.a() ? pair.b() : pair.a();
            return Segment.control(peer.address(), side.address(), seq, ack, flags, 65535);
        }
    }

    static Subject reach(State state, TcpConfig config) {
        CorePair pair = state.isSynchronized() ? CorePair.established(config, CorePair.DEFAULT_DELAY) : new CorePair(config);
        PairSide a = pair.a();
        PairSide b = pair.b();
        switch (state) {
            case CLOSED -> { return fresh(pair, a); }
            case LISTEN -> { b.listen(); return fresh(pair, b); }
            case SYN_SENT -> {
                pair.onNext(Dir.A_TO_B, Segment::isSyn, Fate.DROP);
                a.connect();
                return new Subject(pair, a, Dir.B_TO_A, Seq.add(a.isn(), 1), PEER_ISN);
            }
            case SYN_RECEIVED -> {
                b.listen();
                pair.onNext(Dir.B_TO_A, Segment::isSyn, Fate.DROP);
                a.connect();
                pair.runUntil(() -> b.state() == State.SYN_RECEIVED);
                return observed(pair, b);
            }
            case ESTABLISHED -> { return observed(pair, a); }
            case FIN_WAIT_1 -> {
                pair.onNext(Dir.A_TO_B, Segment::isFin, Fate.DROP);
                a.shutdown();
                return observed(pair, a);
            }
            case FIN_WAIT_2 -> { a.shutdown(); pair.run(); return observed(pair, a); }
            case CLOSE_WAIT -> { b.shutdown(); pair.run(); return observed(pair, a); }
            case CLOSING -> {
                pair.onNext(Dir.A_TO_B, Segment::isFin, Fate.DROP);
                a.shutdown();
                b.shutdown();
                pair.runUntil(() -> a.state() == State.CLOSING);
                return observed(pair, a);
            }
            case LAST_ACK -> {
                a.shutdown();
                pair.run();
                pair.onNext(Dir.B_TO_A, Segment::isFin, Fate.DROP);
                b.close();
                return observed(pair, b);
            }
            case TIME_WAIT -> {
                a.close();
                pair.run();
                b.close();
                pair.runUntil(() -> a.state() == State.TIME_WAIT);
                return observed(pair, a);
            }
        }
        throw new IllegalArgumentException(state.toString());
    }

    private static Subject fresh(CorePair pair, PairSide side) {
        Dir inbound = side == pair.a() ? Dir.B_TO_A : Dir.A_TO_B;
        return new Subject(pair, side, inbound, NOTHING_SENT, PEER_ISN);
    }

    /** SND.NXT from the furthest segment it sent, RCV.NXT from its latest acknowledgment. */
    private static Subject observed(CorePair pair, PairSide side) {
        Dir out = side == pair.a() ? Dir.A_TO_B : Dir.B_TO_A;
        int sndNxt = 0;
        int rcvNxt = 0;
        boolean first = true;
        for (PairTrace.Event e : pair.trace().sent(out)) {
            Segment s = e.segment();
            int end = Seq.add(s.seq(), s.seqLength());
            if (first || Seq.gt(end, sndNxt)) sndNxt = end;
            if (s.isAck()) rcvNxt = s.ack();
            first = false;
        }
        return new Subject(pair, side, out.reverse(), sndNxt, rcvNxt);
    }
}
