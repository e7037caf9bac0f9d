package io.tcpemu.tcp;

import java.util.List;
import java.util.function.Function;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever arrives, in whatever state, with whatever timers and user calls between: the
 * connection never throws, reports every state change, and says CLOSED exactly when it gets there.
 */
class ConnectionFuzzTest extends ConnectionFixtures {
    private static final List<Function<TcpConfig, Tcb>> FIXTURES = List.of(
            ConnectionFixtures::closed, c -> listening(c), ConnectionFixtures::synSent,
            ConnectionFixtures::synReceived, ConnectionFixtures::established, ConnectionFixtures::finWait1,
            ConnectionFixtures::finWait2, ConnectionFixtures::closeWait, ConnectionFixtures::closing,
            ConnectionFixtures::lastAck, ConnectionFixtures::timeWait);

    private static Tcb listening(TcpConfig config) {
        Tcb s = closed(config);
        s.conn().listen(LOCAL);
        return s;
    }

    /** One step: a segment (near our sequence numbers or anywhere), a timer, or a user call. */
    record Step(int kind, int seqOffset, int ackOffset, boolean wild, int flags, int window, int len, int arg) {}

    @Provide
    Arbitrary<Step> steps() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(-400, 800),
                Arbitraries.integers().between(-10, 10),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 31),
                Arbitraries.integers().between(0, 65535),
                Arbitraries.integers().between(0, 3000),
                Arbitraries.integers().between(1, Integer.MAX_VALUE)).as(Step::new);
    }

    @Property(tries = 300)
    void never_throws_and_reports_state_faithfully(
            @ForAll @IntRange(min = 0, max = 10) int fixture,
            @ForAll boolean challengeAcks, @ForAll boolean timestamps, @ForAll boolean twoWay,
            @ForAll @Size(max = 40) List<@net.jqwik.api.From("steps") Step> steps) {
        TcpConfig config = RFC.withChallengeAcks(challengeAcks).withTimestamps(timestamps)
                .withWindow(100, 300, 500)
                .withHandshake(twoWay ? TcpConfig.Handshake.TWO_WAY : TcpConfig.Handshake.THREE_WAY);
        // the later fixtures replay a three-way handshake
        Tcb s = FIXTURES.get(twoWay ? fixture % 3 : fixture).apply(config);
        long time = ms(100);
        for (Step step : steps) {
            time += 1 + (step.arg() & 0xFFFFF);
            apply(s, step, time);
            String last = s.fx().transitions.isEmpty() ? null : s.fx().transitions.get(s.fx().transitions.size() - 1);
            if (last != null) assertThat(last).contains("-> " + s.state() + " (");
        }
        long closedNotices = s.fx().notices.stream().filter(n -> n == Notice.CLOSED).count();
        long closedTransitions = s.fx().transitions.stream().filter(t -> t.contains("-> CLOSED (")).count();
        assertThat(closedNotices).isEqualTo(closedTransitions);
        assertThat(s.fx().sent).allSatisfy(sent -> assertThat(sent.segment().origin()).isEqualTo(ID));
    }

    private static void apply(Tcb s, Step step, long time) {
        Connection c = s.conn();
        switch (step.kind()) {
            case 0, 1, 2, 3, 4 -> {
                int seq = step.wild() ? step.arg() : REMOTE_SEQ + step.seqOffset();
                int ack = step.wild() ? step.arg() * 31 : LOCAL_SEQ + step.ackOffset();
                Segment seg = new Segment(REMOTE, LOCAL, seq, ack, step.flags(), step.window(),
                        step.wild() ? step.arg() : 0, step.wild() ? step.arg() & 0xFFFFFFL : Segment.NO_TIMESTAMP,
                        0, new byte[step.len()], step.arg() % 3);
                c.handleSegment(seg, time);
            }
            case 5 -> {
                TimerKind kind = TimerKind.values()[Math.floorMod(step.arg(), TimerKind.values().length)];
                Long deadline = s.fx().timers.get(kind);
                c.handleTimer(kind, deadline != null && step.wild() ? Math.max(time, deadline) : time);
            }
            case 6 -> c.send(new byte[step.len()], 0, step.len(), time);
            case 7 -> c.receive(step.len(), time);
            case 8 -> { if (step.wild()) c.shutdown(time); else c.close(time); }
            default -> { if (step.wild() && step.flags() == 0) c.abort(time); }
        }
    }
}
