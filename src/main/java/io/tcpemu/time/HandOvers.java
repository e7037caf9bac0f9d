package io.tcpemu.time;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What crossed to one partition in a window, taken there in one task at the barrier (in an epoch,
 * what one look at its inbox found, {@link Horizons}) instead of a message to each receiving end: about ten segments cross per lifecycle, and an actor message each
 * (its mailbox scheduled, run and its behavior interpreted, on top of the queue and its lock from
 * another partition's thread) cost more than the segment's queueing itself. Each is taken in the
 * order it was posted, as the work of its receiving end (its origin, so the timer it arms ranks
 * as if the actor had armed it), which is all that a message to it would have done.
 */
final class HandOvers implements Runnable {
    /**
     * A receiving end in this JVM: {@code take} takes a message on its partition's thread (false:
     * it cannot now, {@code told} gets it instead, as everything goes when {@code take} is null).
     */
    record Receiver(Consumer<Object> told, long origin, Predicate<Object> take, String link) {
        static Receiver told(Consumer<Object> told) { return new Receiver(told, Origins.EXTERNAL, null, null); }
    }

    private final Windows windows;
    private final int partition;
    private final List<Receiver> to = new ArrayList<>();
    private final List<Object> messages = new ArrayList<>();
    /** Queued on the receiving partition and not yet run there: the barrier then starts a new one rather than reuse this. */
    private volatile boolean queued;

    HandOvers(Windows windows, int partition) {
        this.windows = windows;
        this.partition = partition;
    }

    void add(Receiver r, Object message) {
        to.add(r);
        messages.add(message);
    }

    boolean isEmpty() { return to.isEmpty(); }

    /** Queued on the receiving partition and not yet run there: not to be filled again. */
    boolean queued() { return queued; }

    /** At the barrier: queues it on the receiving partition's loop, to run there as the partition's work. */
    void queueOn(VirtualLoop loop) {
        queued = true;
        loop.submit(this);
    }

    /** On the thread that runs partition {@code partition} now, as the work of its receiving end: {@code m} taken by {@code r}. */
    static void take(Windows windows, int partition, Receiver r, Object m) {
        try {
            if (!r.take().test(m)) r.told().accept(m);
        } catch (RuntimeException e) {
            windows.fail("partition " + partition + " failed: link " + r.link() + " crashed taking a segment handed over (" + e
                    + "); the run ends with what was measured until then");
        }
    }

    /** On the receiving partition's thread. */
    @Override public void run() {
        VirtualLoop loop = VirtualLoop.current();
        for (int i = 0; i < to.size(); i++) {
            Receiver r = to.get(i);
            Object m = messages.get(i);
            if (loop != null) loop.workOf(r.origin());
            take(windows, partition, r, m);
        }
        to.clear();
        messages.clear();
        queued = false;   // a window later the barrier fills it again: no new lists every window
    }
}
