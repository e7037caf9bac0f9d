package io.tcpemu.workload;

import io.tcpemu.workload.WorkloadResult.End;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a workload stands, from what its drivers wrote into their {@link Tally}s: why and when it
 * ended is decided by the times recorded there (the last client done, the deadline, a server that
 * could not listen, a stop), never by when a message reached the supervisor, so the answer is the
 * same whatever the partition count. Read it when every partition is held (between drives, or on
 * partition 0 with nothing else due at its instant): the tallies are written on their drivers'
 * partitions.
 */
final class Progress {
    final long startedAt;
    final long deadline;
    private final Map<String, Tally> clients = new LinkedHashMap<>();
    private final Map<String, Tally> servers = new LinkedHashMap<>();
    /** When someone stopped the workload (Ctrl-C), emulated µs; -1 never. Written by the supervisor. */
    private volatile long stoppedAt = -1;

    Progress(long startedAt, long duration) {
        this.startedAt = startedAt;
        this.deadline = io.tcpemu.tcp.TimeHorizon.plus(startedAt, duration);
    }

    Tally client(String name) { return clients.computeIfAbsent(name, n -> new Tally()); }

    Tally server(String name) { return servers.computeIfAbsent(name, n -> new Tally()); }

    /** Records a stop at {@code now} unless the workload ended already. */
    void stop(long now) {
        if (end(now) == End.RUNNING) stoppedAt = now;
    }

    /** Why the workload ended by {@code now}: whatever came first of a failure, a stop, completion and the deadline. */
    End end(long now) {
        long at = Long.MAX_VALUE;
        End end = End.RUNNING;
        for (Tally t : servers.values()) {
            if (t.failedAt >= 0 && t.failedAt < at) {
                at = t.failedAt;
                end = End.FAILED;
            }
        }
        if (stoppedAt >= 0 && stoppedAt < at) {
            at = stoppedAt;
            end = End.STOPPED;
        }
        long completed = completedAt();
        if (completed >= 0 && completed <= deadline && completed < at) {
            at = completed;
            end = End.COMPLETED;
        }
        if (now >= deadline && deadline < at) end = End.DURATION;
        return end;
    }

    /** When it ended, for an {@code end} other than RUNNING; {@code now} for a snapshot. */
    long endedAt(End end, long now) {
        return switch (end) {
            case RUNNING -> now;
            case COMPLETED -> completedAt();
            case DURATION -> deadline;
            case STOPPED -> stoppedAt;
            case FAILED -> failed().failedAt;
        };
    }

    /** The result as of {@code now}. */
    WorkloadResult result(long now) {
        End end = end(now);
        Tally sum = new Tally();
        for (Tally t : servers.values()) sum.add(t);
        for (Tally t : clients.values()) sum.add(t);
        return WorkloadResult.of(startedAt, endedAt(end, now), end, end == End.FAILED ? failed().failure : "", sum, sum.failures);
    }

    /** When the last client was done, once all are; else -1. */
    private long completedAt() {
        long last = -1;
        for (Tally t : clients.values()) {
            if (t.doneAt < 0) return -1;
            last = Math.max(last, t.doneAt);
        }
        return last;
    }

    private Tally failed() {
        Tally first = null;
        for (Tally t : servers.values()) if (t.failedAt >= 0 && (first == null || t.failedAt < first.failedAt)) first = t;
        return first;
    }
}
