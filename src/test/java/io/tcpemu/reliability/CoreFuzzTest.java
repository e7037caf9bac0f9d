package io.tcpemu.reliability;

import io.tcpemu.tcp.Connection;
import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.TcpConfig;
import io.tcpemu.tcp.TimerKind;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;

import java.util.List;

/**
 * Arbitrary segments — every flag combination, sequence and acknowledgment numbers next to the
 * connection's own or anywhere in 2^32 (the client's ISN is often placed just below the wrap),
 * payload on SYN and RST, zero and huge windows — with timers and user calls between, delivered
 * to a connection in every state. After every step {@link CoreChecker} finds nothing: the core
 * did not throw, sent nothing its state forbids, moved only along {@link AllowedEdges}, and left
 * no state without the timer that moves it on.
 */
class CoreFuzzTest {

    @Property(tries = 10_000, edgeCases = EdgeCasesMode.NONE)
    void every_state_survives_arbitrary_input(@ForAll("cases") FuzzCase c) {
        run(c);
    }

    /** {@code mvn verify -Pstress}: a million cases. */
    @Property(tries = 1_000_000, edgeCases = EdgeCasesMode.NONE)
    @Tag("stress")
    void every_state_survives_arbitrary_input_stress(@ForAll("cases") FuzzCase c) {
        run(c);
    }

    private static void run(FuzzCase c) {
        Assume.that(!(c.policy().twoWay() && c.fixture() == CoreFixture.SYN_RECEIVED_PASSIVE));
        TcpConfig config = c.policy().config();
        FifoWire wire = new FifoWire(config, c.isnSeed(), c.clientIsn());
        CoreFixture.Subject subject = c.fixture().subject(wire);
        CoreChecker checker = new CoreChecker(subject.me());
        assertClean(checker.check(null), c, subject, "reaching the fixture");
        for (Step step : c.steps()) {
            Segment arrived = step.apply(subject);
            assertClean(checker.check(arrived), c, subject, "after " + step);
        }
    }

    private static void assertClean(List<String> problems, FuzzCase c, CoreFixture.Subject s, String when) {
        if (problems.isEmpty()) return;
        StringBuilder sb = new StringBuilder(when + " in " + c + ":\n");
        problems.forEach(p -> sb.append("  ").append(p).append('\n'));
        sb.append("changes: ").append(s.me().changes).append('\n');
        s.me().sent.forEach(x -> sb.append("  sent ").append(x).append('\n'));
        throw new AssertionError(sb.toString());
    }

    // ---- the cases ----------------------------------------------------------------------------

    record FuzzCase(CoreFixture fixture, Policy policy, long isnSeed, int clientIsn, List<Step> steps) {}

    /** The policies and sizes the core is configured with. */
    record Policy(boolean linux, boolean challengeAcks, boolean timestamps, boolean bufferOutOfOrder,
                  boolean rstCloses, boolean synReopens, boolean rstOnUnread, boolean finTimeout,
                  boolean twoWay, boolean smallWindow) {
        TcpConfig config() {
            TcpConfig base = (linux ? Profile.LINUX : Profile.RFC9293).config()
                    .withChallengeAcks(challengeAcks).withTimestamps(timestamps).withBufferOutOfOrder(bufferOutOfOrder)
                    .withRstInTimeWait(rstCloses ? TcpConfig.RstInTimeWait.CLOSE : TcpConfig.RstInTimeWait.IGNORE)
                    .withSynReopensTimeWait(synReopens).withRstOnCloseWithUnread(rstOnUnread)
                    .withFinWait2Timeout(finTimeout ? 60 * TcpConfig.SECOND : 0)
                    .withHandshake(twoWay ? TcpConfig.Handshake.TWO_WAY : TcpConfig.Handshake.THREE_WAY);
            return smallWindow ? base.withWindow(536, 1_000, 3_000) : base;
        }
    }

    /** One input after the fixture: a segment, a timer, or a user call; {@code gap} µs after the last. */
    sealed interface Step {
        /** Applies the step; returns the segment that arrived, if any. */
        Segment apply(CoreFixture.Subject s);
    }

    /**
     * A segment from the peer's address. Each number is a base (the subject's own RCV.NXT or
     * SND.NXT, or 0, or 2^31) plus a delta that is tiny, within a window, or anything.
     */
    record Arrive(int seqBase, int seqDelta, int ackBase, int ackDelta, int flags, int window, int len,
                  int mss, long tsVal, int origin, long gap) implements Step {
        public Segment apply(CoreFixture.Subject s) {
            s.wire().now += gap;
            int seq = base(seqBase, s.rcvNxt()) + seqDelta;
            int ack = base(ackBase, s.sndNxt()) + ackDelta;
            long tsEcr = tsVal == Segment.NO_TIMESTAMP ? Segment.NO_TIMESTAMP : tsVal ^ 0x5A5AL;
            long originId = switch (origin) { case 0 -> 0; case 1 -> s.me().conn.id() ^ 3; default -> 99; };
            Segment seg = new Segment(s.peer(), s.local(), seq, ack, flags, window, mss, tsVal, tsEcr,
                    new byte[len], originId);
            s.me().conn.handleSegment(seg, s.wire().now);
            return seg;
        }

        private static int base(int which, int own) {
            return switch (which) { case 0 -> own; case 1 -> 0; default -> Integer.MIN_VALUE; };
        }
    }

    /** A timer fires: at its deadline if armed and {@code onTime}, else now (a stale firing). */
    record Fire(TimerKind kind, boolean onTime, long gap) implements Step {
        public Segment apply(CoreFixture.Subject s) {
            s.wire().now += gap;
            Long deadline = s.me().timers.get(kind);
            if (onTime && deadline != null) s.wire().now = Math.max(s.wire().now, deadline);
            // the core disarms a timer that fires at or after its deadline; so does the runtime
            if (deadline != null && s.wire().now >= deadline) s.me().timers.remove(kind);
            s.me().conn.handleTimer(kind, s.wire().now);
            return null;
        }
    }

    /** A user call: write, read, shutdown, close or abort. */
    record Call(int what, int n, long gap) implements Step {
        public Segment apply(CoreFixture.Subject s) {
            long now = s.wire().now += gap;
            Connection c = s.me().conn;
            switch (what) {
                case 0 -> s.me().write(n, now);
                case 1 -> c.receive(n, now);
                case 2 -> c.shutdown(now);
                case 3 -> c.close(now);
                default -> c.abort(now);
            }
            return null;
        }
    }

    @Provide
    Arbitrary<FuzzCase> cases() {
        Arbitrary<Integer> clientIsn = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.integers().between(-5_000, 0)), // SYN just below 2^32
                Tuple.of(1, Arbitraries.integers().between(Integer.MAX_VALUE - 5_000, Integer.MAX_VALUE)),
                Tuple.of(2, Arbitraries.integers()));
        return Combinators.combine(
                Arbitraries.of(CoreFixture.class), policies(), Arbitraries.longs(), clientIsn,
                step().list().ofMinSize(1).ofMaxSize(8)).as(FuzzCase::new);
    }

    private static Arbitrary<Policy> policies() {
        Arbitrary<Boolean> b = Arbitraries.of(true, false);
        Arbitrary<Boolean> rarely = Arbitraries.frequency(
                Tuple.of(1, true), Tuple.of(7, false));
        Arbitrary<boolean[]> eight = Combinators.combine(b, b, b, b, b, b, b, b)
                .as((linux, ca, ts, ooo, rst, reopen, unread, fin) -> new boolean[] {linux, ca, ts, ooo, rst, reopen, unread, fin});
        return Combinators.combine(eight, rarely, b).as((a, twoWay, small) ->
                new Policy(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], twoWay, small));
    }

    private static Arbitrary<Step> step() {
        return Arbitraries.frequencyOf(
                Tuple.of(14, arrival()),
                Tuple.of(4, Combinators.combine(Arbitraries.of(TimerKind.class), Arbitraries.of(true, true, false), gap())
                        .as(Fire::new)),
                Tuple.of(2, Combinators.combine(Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, 5_000), gap()).as(Call::new)));
    }

    private static Arbitrary<Step> arrival() {
        Arbitrary<Integer> base = Arbitraries.frequency(
                Tuple.of(8, 0), Tuple.of(1, 1), Tuple.of(1, 2));
        Arbitrary<Integer> delta = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.integers().between(-3, 3)),
                Tuple.of(3, Arbitraries.integers().between(-70_000, 70_000)),
                Tuple.of(2, Arbitraries.integers()));
        Arbitrary<Integer> window = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0)),
                Tuple.of(2, Arbitraries.just(65_535)),
                Tuple.of(3, Arbitraries.integers().between(0, 65_535)));
        Arbitrary<Integer> len = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just(0)),
                Tuple.of(8, Arbitraries.integers().between(1, 100)),
                Tuple.of(3, Arbitraries.integers().between(100, 3_000)),
                Tuple.of(1, Arbitraries.integers().between(65_000, 70_000)));
        Arbitrary<Integer> mss = Arbitraries.of(0, 0, 1, 536, 1460, 65_535);
        Arbitrary<Long> tsVal = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(Segment.NO_TIMESTAMP)),
                Tuple.of(1, Arbitraries.longs().between(0, 0xFFFF_FFFFL)));
        Arbitrary<int[]> numbers = Combinators.combine(base, delta, base, delta, Arbitraries.integers().between(0, 31), window, len, mss)
                .as((sb, sd, ab, ad, flags, w, l, m) -> new int[] {sb, sd, ab, ad, flags, w, l, m});
        return Combinators.combine(numbers, tsVal, Arbitraries.integers().between(0, 2), gap())
                .as((n, ts, origin, gap) -> new Arrive(n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], ts, origin, gap));
    }

    /** Mostly a few milliseconds, sometimes seconds, now and then minutes (timeouts). */
    private static Arbitrary<Long> gap() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.longs().between(0, 50_000)),
                Tuple.of(3, Arbitraries.longs().between(0, 10_000_000)),
                Tuple.of(1, Arbitraries.longs().between(0, 600_000_000)));
    }
}
