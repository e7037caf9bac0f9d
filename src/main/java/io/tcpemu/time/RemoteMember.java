package io.tcpemu.time;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A partition of the window protocol that runs elsewhere ({@link RemotePartition}): a window is
 * one request and its report; the segments it sent go through {@link Windows#post} as a local
 * partition's do, and the segments for it wait here until its next window.
 */
final class RemoteMember implements WindowMember {
    private final RemotePartition remote;
    private final Windows windows;
    private final List<RemotePartition.Crossing> inbound = new ArrayList<>();
    private CompletableFuture<RemotePartition.Report> pending;
    /** Before its first window: it may have work at once. */
    private RemotePartition.Report last = new RemotePartition.Report(0, 0, false, 0, List.of(), null,
            new VirtualClock.Stats(0, 0, 0, 0, 0), 0);

    RemoteMember(RemotePartition remote, Windows windows) {
        this.remote = remote;
        this.windows = windows;
    }

    /** A segment for this partition, handed over with its next window. */
    void receive(RemotePartition.Crossing c) { inbound.add(c); }

    @Override public void start(Drive d) {
        List<RemotePartition.Crossing> batch = List.copyOf(inbound);
        inbound.clear();
        pending = remote.runTo(d.target, batch).toCompletableFuture();
    }

    @Override public void join(Drive d) {
        try {
            RemotePartition.Report r = pending.get();
            last = r;
            for (RemotePartition.Crossing c : r.sent()) windows.post(c);
            if (r.gathered() != null) windows.gathered(r.gathered());
            d.outcome = Drive.Outcome.REACHED_TARGET;
        } catch (ExecutionException e) {
            windows.fail(reason(e.getCause()) + String.format(Locale.ROOT, " at %.3f s of emulated time", windows.heldAt() / 1e6));
            d.outcome = Drive.Outcome.TERMINATED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            windows.fail(remote.name() + ": interrupted while waiting for its window");
            d.outcome = Drive.Outcome.INTERRUPTED;
        } finally {
            d.done = true;
            d.finishedAtNanos = System.nanoTime();
        }
    }

    private String reason(Throwable t) {
        return t == null || t.getMessage() == null ? remote.name() + " failed: " + t : t.getMessage();
    }

    void close() { remote.close(); }

    @Override public long now() { return last.now(); }

    @Override public long nextEventTime() {
        long next = last.nextEventTime();
        for (RemotePartition.Crossing c : inbound) next = Math.min(next, c.at());
        return next;
    }

    /** The segments wait here for its next window, so {@link #nextEventTime} counts them already. */
    @Override public long nextEventTimeAfterHandOvers(long earliest) { return Math.min(nextEventTime(), earliest); }

    @Override public boolean isIdle() { return last.idle() && inbound.isEmpty(); }

    @Override public long lastActivity() { return last.lastActivity(); }

    @Override public void rewindTo(long t) {
        remote.rewindTo(t);
        last = new RemotePartition.Report(t, last.nextEventTime(), last.idle(), last.lastActivity(), List.of(), null, last.stats(), last.cpuNanos());
    }

    /** Its counters as last reported; zeros when its server does not report them. */
    @Override public VirtualClock.Stats stats() { return last.stats() != null ? last.stats() : new VirtualClock.Stats(last.now(), 0, 0, 0, 0); }

    @Override public long cpuTimeNanos() { return last.cpuNanos(); }
}
