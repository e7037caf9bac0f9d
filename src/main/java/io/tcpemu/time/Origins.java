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

    /** The origin of the top-level actor under {@code /system} or {@code /user} that {@code path} lies in. */
    static long of(ActorPath path) { return of(topLevel(path)); }

    /**
     * Origins already worked out, for one loop's thread: nearly every timer is scheduled by an
     * endpoint, and walking up its path and hashing its host's name each time was about 4% of the
     * emulation thread. An actor below a top-level actor has the origin of its parent, so the
     * parent's path is the key (a host's, shared by all its endpoints); a top-level actor is its
     * own key. Keyed by identity: an {@link ActorPath}'s own hash walks the path.
     */
    static final class Cache {
        /** Past this many keys (short-lived actors under a guardian, such as asks') it starts again. */
        private static final int MAX_KEYS = 4096;
        private final java.util.IdentityHashMap<ActorPath, Long> known = new java.util.IdentityHashMap<>();
        /**
         * In front of {@link #known}: origins by mailbox, direct-mapped by its identity hash. Timers
         * come from few actors (hosts with their endpoints, links), and one look at the mailbox,
         * which has just run, skips the walk from mailbox to cell to path to parents, which missed
         * the cache at every step.
         */
        private final Mailbox[] mailboxes = new Mailbox[MAILBOX_SLOTS];
        private final long[] byMailbox = new long[MAILBOX_SLOTS];
        private static final int MAILBOX_SLOTS = 64;

        /** The origin of the actor a mailbox run belongs to; {@code fallback} for any other task. */
        long of(Runnable task, long fallback) {
            if (!(task instanceof Mailbox mailbox)) return fallback;
            int slot = System.identityHashCode(mailbox) & (MAILBOX_SLOTS - 1);
            if (mailboxes[slot] == mailbox) return byMailbox[slot];
            ActorCell cell = mailbox.actor();
            if (cell == null) return fallback;   // no origin of this mailbox's: not kept
            long o = of(cell.self().path());
            mailboxes[slot] = mailbox;
            byMailbox[slot] = o;
            return o;
        }

        /** The same as {@link Origins#of(ActorPath)}. */
        long of(ActorPath path) {
            ActorPath up = path.parent();
            ActorPath upUp = up.parent();
            ActorPath key = upUp == up || upUp.parent() == upUp ? path : up;   // up is a guardian (or the root): path is top-level
            Long origin = known.get(key);
            if (origin != null) return origin;
            if (known.size() >= MAX_KEYS) known.clear();
            long o = Origins.of(path);
            known.put(key, o);
            return o;
        }
    }

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
