package io.tcpemu.runtime;

import io.tcpemu.tcp.TimerKind;
import io.tcpemu.time.EmuTime;
import io.tcpemu.time.LoopTimers;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * An endpoint's timers, at most one per {@link TimerKind}, scheduled straight on the virtual-time
 * loop ({@link LoopTimers}; on Pekko's own scheduler, through the actor context). Pekko's
 * {@code Behaviors.withTimers} does the same through an interceptor that every message of every
 * endpoint passes through, which costs time per message and memory per actor.
 * Each firing carries its own {@link Endpoint.Fired} object; only the one still current counts, so
 * a firing already queued when its timer was cancelled or re-armed is recognised and ignored.
 * The slots exist only while some timer is armed, so an idle established connection carries none.
 */
final class EndpointTimers {
    private static final int KINDS = TimerKind.values().length;

    private final ActorContext<Endpoint.Command> ctx;
    private Endpoint.Fired[] current;
    private Cancellable[] scheduled;
    private int active;

    EndpointTimers(ActorContext<Endpoint.Command> ctx) { this.ctx = ctx; }

    /** Arms (or re-arms) the timer of this kind, {@code micros} of emulated time from now. */
    void start(TimerKind kind, long micros, EmuTime time) {
        cancel(kind);
        if (current == null) {
            current = new Endpoint.Fired[KINDS];
            scheduled = new Cancellable[KINDS];
        }
        Endpoint.Fired fired = new Endpoint.Fired(kind);
        current[kind.ordinal()] = fired;
        Cancellable timer = LoopTimers.tellLater(micros, ctx.getSelf(), fired);   // on a virtual-time loop: no Duration per timer
        scheduled[kind.ordinal()] = timer != null ? timer : ctx.scheduleOnce(time.delay(micros), ctx.getSelf(), fired);
        active++;
    }

    boolean isActive(TimerKind kind) { return current != null && current[kind.ordinal()] != null; }

    void cancel(TimerKind kind) {
        if (!isActive(kind)) return;
        int k = kind.ordinal();
        scheduled[k].cancel();
        clear(k);
    }

    void cancelAll() {
        for (TimerKind kind : TimerKind.values()) cancel(kind);
    }

    /** True if this firing is the timer's current one (which is then no longer armed); false if stale. */
    boolean take(Endpoint.Fired fired) {
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
