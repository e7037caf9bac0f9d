package io.tcpemu.workload;

import io.tcpemu.time.EmuTime;
import io.tcpemu.time.LoopTimers;
import io.tcpemu.time.LoopWork;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A driver's single timers by key, straight on its virtual-time loop ({@link LoopTimers}): what
 * {@code Behaviors.withTimers} did for it, without the interceptor every message of the driver
 * passed through (a socket event is most of them) nor Pekko's bookkeeping and durations per
 * arrival. The same steps in the same order, so the same trace: armed as the driver's own work
 * (its origin), and as it fires the driver's handler takes it on the spot, as a host's or a link's
 * {@code OneTimer} does: a timer fires only when nothing else is queued, so the message would have
 * been the only work and run next. A failure there is thrown in the driver as its next message
 * ({@link Failed}), so it is noticed and the driver restarted as before. Off a virtual-time loop
 * (Pekko's own scheduler) the firing is told.
 *
 * <p>Each arming has its own {@link Due}, so one whose timer was cancelled or re-armed after it
 * was told is told apart by identity and dropped, as {@code withTimers} drops it by generation.
 * The driver cancels them all when it stops or restarts.
 */
final class DriverTimers {
    /** A timer's firing as the driver takes it: a new object per arming; never leaves its loop. */
    record Due(Object key, Object message) implements NoSerializationVerificationNeeded {}

    /** A firing's handler failed outside the mailbox: the driver throws it as its own step's failure. */
    record Failed(RuntimeException failure) implements NoSerializationVerificationNeeded {}

    private record Armed(Due due, Cancellable timer) {}

    private final ActorContext<Object> ctx;
    private final ActorRef<Object> self;
    private final EmuTime time;
    /** The driver's handler of a firing. */
    private final Function<Due, ?> handler;
    /** The driver's origin: what its timers rank by among those due at one instant. */
    private final long origin;
    private final Map<Object, Armed> armed = new HashMap<>();

    DriverTimers(ActorContext<Object> ctx, EmuTime time, Function<Due, ?> handler) {
        this.ctx = ctx;
        this.self = ctx.getSelf();
        this.time = time;
        this.handler = handler;
        this.origin = LoopWork.originOf(self.path());
    }

    /** Hands the driver {@code message} after {@code micros} of emulated time, instead of the timer of {@code key} if one is armed. */
    void start(Object key, Object message, long micros) {
        cancel(key);
        Due due = new Due(key, message);
        Cancellable timer = LoopTimers.runOnFiring(micros, () -> fire(due), origin);
        if (timer == null) timer = ctx.scheduleOnce(time.delay(micros), self, due);
        armed.put(key, new Armed(due, timer));
    }

    private void fire(Due due) {
        try {
            handler.apply(due);
        } catch (RuntimeException e) {
            self.tell(new Failed(e));
        }
    }

    void cancel(Object key) {
        Armed a = armed.remove(key);
        if (a != null) a.timer().cancel();
    }

    void cancelAll() {
        for (Armed a : armed.values()) a.timer().cancel();
        armed.clear();
    }

    /** The message {@code due} carries if it is the firing of its key's armed timer (no longer armed then); null if stale. */
    Object take(Due due) {
        Armed a = armed.get(due.key());
        if (a == null || a.due() != due) return null;
        armed.remove(due.key());
        return due.message();
    }
}
