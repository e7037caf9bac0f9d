package io.tcpemu.tcp.pair;

import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import io.tcpemu.tcp.TcpConfig;
import io.tcpemu.tcp.TimerKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * Two {@link io.tcpemu.tcp.Connection}s, A (10.0.0.1:40000) and B (10.0.0.2:80), joined by an
 * in-memory link with a fixed one-way delay — in the spirit of quinn's test {@code Pair} and h11's
 * {@code ConnectionPair}. The test owns time: {@link #run()} delivers segments and fires timers in
 * time order, jumping the clock to the next one when nothing else is pending. Every segment sent,
 * received or lost, and every timer that changes a state, is recorded in {@link #trace()}.
 *
 * <p>Faults are chosen per segment: {@link #onNext} gives the next matching segment a
 * {@link Fate} (drop, duplicate, delay); {@link #inject} puts a made-up segment (an old duplicate)
 * on the link.
 */
public final class CorePair {
    public static final SockAddr A_ADDR = SockAddr.of("10.0.0.1", 40000);
    public static final SockAddr B_ADDR = SockAddr.of("10.0.0.2", 80);
    /** Default one-way delay: 50 ms. */
    public static final long DEFAULT_DELAY = 50_000;
    /** A guard against a run that never ends (two ends exchanging segments for ever). */
    private static final int MAX_STEPS = 100_000;

    private final PairSide a;
    private final PairSide b;
    private final long delay;
    private long now;
    private long order;
    private final PriorityQueue<InFlight> inFlight =
            new PriorityQueue<>(Comparator.comparingLong(InFlight::arrival).thenComparingLong(InFlight::order));
    private final List<Rule> rules = new ArrayList<>();
    private final Numbering numbering = new Numbering();
    private final PairTrace trace = new PairTrace(numbering);

    private record InFlight(long arrival, long order, Dir dir, Segment segment) {}

    private record Rule(Dir dir, Predicate<Segment> match, Fate fate, boolean once) {}

    public CorePair(TcpConfig config) { this(config, config, DEFAULT_DELAY, 0); }

    /**
     * @param delay   one-way delay, microseconds
     * @param startAt the clock's value at the start (RFC 6528 ISNs depend on it)
     */
    public CorePair(TcpConfig configA, TcpConfig configB, long delay, long startAt) {
        this.a = new PairSide(this, Dir.A_TO_B, A_ADDR, B_ADDR, configA, 1, 1);
        this.b = new PairSide(this, Dir.B_TO_A, B_ADDR, A_ADDR, configB, 2, 1001);
        this.delay = delay;
        this.now = startAt;
    }

    /** A pair whose handshake (B listening, A connecting) has completed, at the end of it. */
    public static CorePair established(TcpConfig config, long delay) {
        CorePair pair = new CorePair(config, config, delay, 0);
        pair.b().listen();
        pair.a().connect();
        pair.run();
        if (pair.a().state() != State.ESTABLISHED || pair.b().state() != State.ESTABLISHED) {
            throw new AssertionError("handshake did not complete:\n" + pair.trace().dump());
        }
        return pair;
    }

    public PairSide a() { return a; }

    public PairSide b() { return b; }

    public long now() { return now; }

    public long delay() { return delay; }

    public PairTrace trace() { return trace; }

    /** The trace in RFC figure notation. */
    public List<String> lines() { return trace.lines(); }

    // ---- faults ---------------------------------------------------------------------------

    /** The next segment sent in {@code dir} that matches gets {@code fate}; rules apply once, in order. */
    public CorePair onNext(Dir dir, Predicate<Segment> match, Fate fate) {
        rules.add(new Rule(dir, match, fate, true));
        return this;
    }

    /** Every segment sent in {@code dir} that matches gets {@code fate}, until {@link #clearFaults}. */
    public CorePair onEvery(Dir dir, Predicate<Segment> match, Fate fate) {
        rules.add(new Rule(dir, match, fate, false));
        return this;
    }

    public CorePair clearFaults() {
        rules.clear();
        return this;
    }

    /** Puts a segment on the link that no connection sent; it arrives after {@code delay + extra}. */
    public CorePair inject(Dir dir, Segment segment, long extra) {
        inFlight.add(new InFlight(now + delay + extra, order++, dir, segment));
        return this;
    }

    /** Prints the sequence number {@code raw} of {@code side}'s space as {@code shown} in the trace. */
    public CorePair showSeqAs(PairSide side, int raw, long shown) {
        numbering.anchor(side.outgoing(), raw, shown);
        return this;
    }

    // ---- time -----------------------------------------------------------------------------

    /** Runs until nothing is in flight and no timer is armed. */
    public CorePair run() { return runUntil(Long.MAX_VALUE); }

    /** Runs the events due up to {@code deadline}, then sets the clock to it (if finite). */
    public CorePair runUntil(long deadline) {
        for (int steps = 0; steps < MAX_STEPS; steps++) {
            long next = nextEventTime();
            if (next == Long.MAX_VALUE || next > deadline) {
                if (deadline != Long.MAX_VALUE) now = Math.max(now, deadline);
                return this;
            }
            now = Math.max(now, next);
            step();
        }
        throw new AssertionError("no quiescence after " + MAX_STEPS + " steps:\n" + trace.dump());
    }

    public CorePair runFor(long duration) { return runUntil(now + duration); }

    /** Runs until {@code done} holds after some event, or fails. */
    public CorePair runUntil(java.util.function.BooleanSupplier done) {
        for (int steps = 0; steps < MAX_STEPS && !done.getAsBoolean(); steps++) {
            long next = nextEventTime();
            if (next == Long.MAX_VALUE) throw new AssertionError("condition never met:\n" + trace.dump());
            now = Math.max(now, next);
            step();
        }
        return this;
    }

    /** Hands {@code segment} to the end it is going to now, as if it had just arrived. */
    public CorePair deliverNow(Dir dir, Segment segment) {
        deliver(dir, segment);
        return this;
    }

    private long nextEventTime() {
        long next = inFlight.isEmpty() ? Long.MAX_VALUE : inFlight.peek().arrival();
        for (PairSide side : List.of(a, b)) {
            Long deadline = side.nextDeadline();
            if (deadline != null) next = Math.min(next, deadline);
        }
        return next;
    }

    /** One event at {@code now}: a timer first (it was armed earlier), else the next arrival. */
    private void step() {
        for (PairSide side : List.of(a, b)) {
            Long deadline = side.nextDeadline();
            if (deadline != null && deadline <= now) {
                var before = side.state();
                TimerKind kind = side.fireDue(now);
                if (side.state() != before) {
                    trace.add(new PairTrace.Event(now, PairTrace.Kind.TIMER, side.outgoing(), null,
                            a.state(), b.state(), kind.toString()));
                }
                flush(side);
                return;
            }
        }
        InFlight f = inFlight.poll();
        deliver(f.dir(), f.segment());
    }

    private void deliver(Dir dir, Segment segment) {
        PairSide to = dir == Dir.A_TO_B ? b : a;
        to.receive(segment);
        trace.add(new PairTrace.Event(now, PairTrace.Kind.RECEIVE, dir, segment, a.state(), b.state(), ""));
        flush(to);
    }

    /** Puts what {@code side} has sent on the link, through the fault rules. */
    void flush(PairSide side) {
        side.settle();
        for (PairSide.Outgoing out : side.takeOutbox()) {
            Segment seg = out.segment();
            Dir dir = side.outgoing();
            if (seg.isSyn()) numbering.anchorIfUnset(dir, seg.seq());
            trace.add(new PairTrace.Event(now, PairTrace.Kind.SEND, dir, seg, a.state(), b.state(),
                    out.retransmission() ? "rexmit" : ""));
            Fate fate = fateOf(dir, seg);
            switch (fate.kind()) {
                case DROP -> trace.add(new PairTrace.Event(now, PairTrace.Kind.DROP, dir, seg, a.state(), b.state(), ""));
                case DUPLICATE -> {
                    inFlight.add(new InFlight(now + delay, order++, dir, seg));
                    inFlight.add(new InFlight(now + delay, order++, dir, seg));
                }
                case DELIVER -> inFlight.add(new InFlight(now + delay + fate.extraDelay(), order++, dir, seg));
            }
        }
    }

    private Fate fateOf(Dir dir, Segment seg) {
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            if (r.dir() == dir && r.match().test(seg)) {
                if (r.once()) rules.remove(i);
                return r.fate();
            }
        }
        return Fate.delay(0);
    }
}
