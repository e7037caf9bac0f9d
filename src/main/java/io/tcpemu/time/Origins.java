package io.tcpemu.time;

import org.apache.pekko.actor.ActorCell;
import org.apache.pekko.actor.ActorPath;
import org.apache.pekko.dispatch.Mailbox;

/**
 * Who a piece of work belongs to, as a number that is the same in every run and whatever the
 * partition count: the top-level actor it runs in (a host with its endpoints, a link, the
 * workload), hashed from that actor's name. Timers due at one instant fire in the order
 * (deadline, origin, scheduling order); since a top-level actor and its children always run on
 * one thread, timers of one origin are scheduled in the same order in every run, and timers of
 * different origins no longer depend on which thread happened to schedule first.
 */
final class Origins {
    /** Work from outside the loops (a driver, a test, the console). */
    static final long EXTERNAL = 0;

    private Origins() {}

    /** The origin of the actor a mailbox run belongs to; {@code fallback} for any other task. */
    static long of(Runnable task, long fallback) {
        if (task instanceof Mailbox mailbox) {
            ActorCell cell = mailbox.actor();
            if (cell != null) return of(cell.self().path());
        }
        return fallback;
    }

    /** The origin of the top-level actor under {@code /system} or {@code /user} that {@code path} lies in. */
    static long of(ActorPath path) { return of(topLevel(path)); }

    /** The name of the top-level actor under {@code /system} or {@code /user} that {@code path} lies in. */
    static String topLevel(ActorPath path) {
        ActorPath p = path;
        while (true) {
            ActorPath up = p.parent();
            ActorPath upUp = up.parent();
            if (upUp == up || upUp.parent() == upUp) break;   // up is a guardian (or the root)
            p = up;
        }
        return p.name();
    }

    /** FNV-1a, 64 bits, of a name: stable across JVMs (unlike identity hashes), and never {@link #EXTERNAL}. */
    static long of(String name) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < name.length(); i++) {
            h ^= name.charAt(i);
            h *= 0x100000001b3L;
        }
        return h == EXTERNAL ? 1 : h;
    }
}
