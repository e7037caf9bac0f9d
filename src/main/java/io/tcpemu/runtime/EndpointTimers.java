package io.tcpemu.runtime;

import io.tcpemu.tcp.TimerKind;
import io.tcpemu.time.EmuTime;
import io.tcpemu.time.LoopTimers;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * An endpoint's timers, at most one per {@link TimerKind}, scheduled straight on the virtual-time
 * loop ({@link LoopTimers}; on Pekko's own scheduler, through the actor context). A firing is told
 * to the endpoint's host, which hands it to the endpoint. Pekko's {@code Behaviors.withTimers}
 * would do the same through an interceptor that every message of the host passes through.
 * Each firing carries its own {@link Fired} object; only the one still current counts, so
 * a firing already queued when its timer was cancelled or re-armed is recognised and ignored.
 * The slots exist only while some timer is armed, so an idle established connection carries none.
 */
final class EndpointTimers {
    private static final TimerKind[] ALL = TimerKind.values();
    private static final int KINDS = ALL.length;

    /**
     * A timer of {@code endpoint} went off: told to its host, which hands it on. Told apart by
     * identity, so it must arrive as sent: it goes only from a host to itself, never across machines.
     */
    record Fired(Endpoint endpoint, TimerKind kind) implements Host.Command, NoSerializationVerificationNeeded {}

    private final ActorContext<Host.Command> ctx;
    private final Endpoint endpoint;
    private Fired[] current;
    private Cancellable[] scheduled;
    private int active;
    /**
     * µs until the TIME_WAIT timer armed during the endpoint's current step, not scheduled yet
     * ({@link #startDeferred}), or -1. The host takes a connection's TIME-WAIT over at the end of
     * that very step and drops the endpoint with its timers: scheduling the 60-second timer on the
     * loop only to cancel it a moment later was a heap insertion and removal per connection.
     */
    private long deferredTimeWait = -1;

    EndpointTimers(ActorContext<Host.Command> ctx, Endpoint endpoint) {
        this.ctx = ctx;
        this.endpoint = endpoint;
    }

    /** Arms (or re-arms) the timer of this kind, {@code micros} of emulated time from now. */
    void start(TimerKind kind, long micros, EmuTime time) {
        cancel(kind);
        if (kind == TimerKind.TIME_WAIT) {
            deferredTimeWait = micros;
            return;
        }
        schedule(kind, micros, time);
    }

    /** Schedules a TIME_WAIT timer armed in the step that ends now, if it is still armed; at the same instant it was armed. */
    void startDeferred(EmuTime time) {
        if (deferredTimeWait < 0) return;
        long micros = deferredTimeWait;
        deferredTimeWait = -1;
        schedule(TimerKind.TIME_WAIT, micros, time);
    }

    private void schedule(TimerKind kind, long micros, EmuTime time) {
        if (current == null) {
            current = new Fired[KINDS];
            scheduled = new Cancellable[KINDS];
        }
        Fired fired = new Fired(endpoint, kind);
        current[kind.ordinal()] = fired;
        Cancellable timer = LoopTimers.tellLater(micros, ctx.getSelf(), fired);   // on a virtual-time loop: no Duration per timer
        scheduled[kind.ordinal()] = timer != null ? timer : ctx.scheduleOnce(time.delay(micros), ctx.getSelf(), fired);
        active++;
    }

    boolean isActive(TimerKind kind) {
        return (kind == TimerKind.TIME_WAIT && deferredTimeWait >= 0) || (current != null && current[kind.ordinal()] != null);
    }

    void cancel(TimerKind kind) {
        if (kind == TimerKind.TIME_WAIT && deferredTimeWait >= 0) {
            deferredTimeWait = -1;
            return;
        }
        if (!isActive(kind)) return;
        int k = kind.ordinal();
        scheduled[k].cancel();
        clear(k);
    }

    void cancelAll() {
        for (TimerKind kind : ALL) cancel(kind);
    }

    /** True if this firing is the timer's current one (which is then no longer armed); false if stale. */
    boolean take(Fired fired) {
        int k = fired.kind().ordinal();
        if (current == null || current[k] != fired) return false;
        clear(k);
        return true;
    }

    private void clear(int k) {
        current[k] = null;
        scheduled[k] = null;
        if (--active == 0) {
            current = null;
            scheduled = null;
        }
    }
}
