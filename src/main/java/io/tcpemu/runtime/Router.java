package io.tcpemu.runtime;

import io.tcpemu.net.CtEntry;
import io.tcpemu.net.Nat;
import io.tcpemu.net.OutputQueue;
import io.tcpemu.net.RouterSpec;
import io.tcpemu.net.Routes;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceEvent;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A router (or NAT gateway) between links. Links hand it segments as they hand a host theirs
 * ({@link Host.Deliver}); it carries out what the pure rules decide: the NAT's rewriting
 * ({@link Nat}), the next hop ({@link Routes}) and the wait in that interface's drop-tail queue
 * ({@link OutputQueue}), then puts the segment on the next link when it leaves. One timer for the
 * earliest departure, one for the earliest conntrack expiry; no actor per segment or entry.
 */
public final class Router extends AbstractBehavior<Host.Command> {

    private enum Tick implements Host.Command { DEPART, EXPIRE }

    /** A segment waiting to leave: the one that came in, the one that goes out, and its conntrack entry if new. */
    private record Departure(long at, long order, long arrived, Segment in, Segment out, String next, CtEntry unconfirmed,
                             String note) implements Comparable<Departure> {
        @Override public int compareTo(Departure o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    public static Behavior<Host.Command> create(RouterSpec spec, Routes routes, RuntimeEnv env) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new Router(ctx, timers, spec, routes, env)));
    }

    private final TimerScheduler<Host.Command> timers;
    private final RouterSpec spec;
    private final Routes routes;
    private final RuntimeEnv env;
    private final Nat nat;
    private final Map<String, OutputQueue> queues = new HashMap<>();
    private final PriorityQueue<Departure> waiting = new PriorityQueue<>();
    private long order;
    private long departArmed = Long.MAX_VALUE;
    private long expireArmed = Long.MAX_VALUE;

    private Router(ActorContext<Host.Command> ctx, TimerScheduler<Host.Command> timers, RouterSpec spec, Routes routes, RuntimeEnv env) {
        super(ctx);
        this.timers = timers;
        this.spec = spec;
        this.routes = routes;
        this.env = env;
        this.nat = spec.nat() == null ? null : new Nat(spec.nat(), spec.name().hashCode());
    }

    @Override
    public Receive<Host.Command> createReceive() {
        return Dispatch.to(this, this::handle);
    }

    private Behavior<Host.Command> handle(Host.Command m) {
        if (m instanceof Host.Deliver d) arrive(d.segment());
        else if (m instanceof Host.DeliverAll all) all.segments().forEach(this::arrive);
        else if (m == Tick.DEPART) depart();
        else if (m == Tick.EXPIRE) expire();
        else return Behaviors.unhandled();
        return this;
    }

    private void arrive(Segment in) {
        long now = now();
        Segment seg = in;
        CtEntry unconfirmed = null;
        String note = "";
        if (nat != null && nat.isPublic(seg.dst().ip())) {
            Nat.Verdict v = nat.inbound(seg, now);
            if (v.dropped()) {
                dropped(in, v.drop().reason);
                return;
            }
            seg = v.segment();
            note = "nat " + in.dst() + " -> " + seg.dst();
        }
        String next = routes.nextHop(spec.name(), seg.dst().ip());
        if (next == null) {
            dropped(in, "no route to " + SockAddr.formatIp(seg.dst().ip()));
            return;
        }
        if (nat != null && spec.nat().outside().contains(next) && !nat.isPublic(seg.src().ip())) {
            Nat.Verdict v = nat.outbound(seg, now);
            if (v.replaced() != null) conntrack("conntrack-gone", v.replaced() + " in TIME_WAIT, reopened by a new SYN");
            if (v.dropped()) {
                dropped(in, v.drop().reason);
                return;
            }
            seg = v.segment();
            if (!v.entry().confirmed()) unconfirmed = v.entry();
            note = "nat " + in.src() + " -> " + seg.src();
        }
        OutputQueue queue = queues.computeIfAbsent(next,
                n -> new OutputQueue(OutputQueue.serviceMicros(spec.rate()), spec.queueLimit()));
        long leaves = queue.enqueue(now + spec.hopDelay());
        if (leaves == OutputQueue.DROPPED) {
            if (unconfirmed != null) nat.abandon(unconfirmed);
            dropped(in, "queue full (" + queue.limit() + " segments towards " + next + ")");
            return;
        }
        waiting.add(new Departure(leaves, order++, now, in, seg, next, unconfirmed, note));
        armDeparture(now);
    }

    private void depart() {
        departArmed = Long.MAX_VALUE;
        long now = now();
        while (!waiting.isEmpty() && waiting.peek().at() <= now) {
            Departure d = waiting.poll();
            if (d.unconfirmed() != null) {
                Nat.Verdict v = nat.confirm(d.out(), d.unconfirmed());
                if (v.dropped()) {
                    dropped(d.in(), v.drop().reason + " (" + d.out().src() + " -> " + d.out().dst() + " is taken)");
                    continue;
                }
                conntrack("conntrack-new", d.unconfirmed().toString());
            }
            if (env.trace().enabled()) {
                env.trace().publish(new TraceEvent.Forwarded(now, spec.name(), d.next(), d.in(), d.out(), now - d.arrived(), d.note()));
            }
            env.directory().wire(spec.name(), d.next()).transmit(d.out(), State.CLOSED, now);
        }
        armDeparture(now);
        armExpiry(now);
    }

    private void expire() {
        expireArmed = Long.MAX_VALUE;
        long now = now();
        for (CtEntry e : nat.table().expire(now)) conntrack("conntrack-gone", e + " in " + e.state() + ", timed out");
        armExpiry(now);
    }

    private void armDeparture(long now) {
        if (waiting.isEmpty()) return;
        long next = waiting.peek().at();
        if (next >= departArmed) return;
        departArmed = next;
        timers.startSingleTimer(Tick.DEPART, Tick.DEPART, env.time().delay(Math.max(0, next - now)));
    }

    private void armExpiry(long now) {
        if (nat == null) return;
        long next = nat.table().nextExpiry();
        if (next == Long.MAX_VALUE || next >= expireArmed) return;
        expireArmed = next;
        timers.startSingleTimer(Tick.EXPIRE, Tick.EXPIRE, env.time().delay(Math.max(0, next - now)));
    }

    private void dropped(Segment seg, String reason) {
        if (env.trace().enabled()) {
            env.trace().publish(new TraceEvent.SegmentEvent(now(), TraceEvent.SegmentAction.DROPPED, spec.name(), seg, false, reason));
        }
    }

    private void conntrack(String kind, String detail) { Traces.host(env.trace(), now(), spec.name(), kind, detail); }

    private long now() { return env.time().now(); }
}
