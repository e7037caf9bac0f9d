package io.tcpemu.time;

import org.apache.pekko.actor.ActorPath;

import java.util.function.Consumer;

/**
 * One actor's work done inside another's step on the same virtual-time loop (a link handing a
 * host its segments as it fires, instead of telling it), kept that actor's own: the timers it
 * arms rank by its origin ({@link Origins}), as if its own mailbox had run it.
 */
public final class LoopWork {
    private LoopWork() {}

    /** The loop this thread runs work for now, to compare with another's; null off every virtual-time loop. */
    public static Object here() { return VirtualLoop.current(); }

    /** The origin of the actor at {@code path}: what its timers rank by among those due at one instant. */
    public static long originOf(ActorPath path) { return Origins.of(path); }

    /**
     * On a loop's thread: runs {@code work} on {@code arg} as the work of {@code origin}, then goes
     * back to the work that called it.
     */
    public static <T> void runAs(long origin, Consumer<T> work, T arg) {
        VirtualLoop loop = VirtualLoop.current();
        if (loop == null) throw new IllegalStateException("runAs: not on a virtual-time loop's thread");
        loop.runAs(origin, work, arg);
    }
}
