package io.tcpemu.time;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A partition that runs somewhere else (another node of a cluster), as the driving side of the
 * window protocol sees it: each window it is handed the segments that crossed to it and runs up
 * to the window's end, then reports what it sent on and when it next has work. The protocol
 * itself stays in {@link Windows}; this is only its transport. The serving side answers with
 * {@link Partitions#serve}.
 */
public interface RemotePartition {
    /**
     * A segment between partitions: sent at {@code sentAt} by link {@code link}, arriving in
     * partition {@code to} at {@code at}; {@code message} is what its receiving end is told.
     */
    record Crossing(int to, long sentAt, long at, String link, Object message) {}

    /**
     * A window's outcome on the serving side.
     *
     * @param now           its clock (the window's end)
     * @param nextEventTime when it next has work (Long.MAX_VALUE: never)
     * @param idle          nothing queued, no one-shot timer pending
     * @param lastActivity  its clock when it last ran anything
     * @param sent          the segments it sent to other partitions in the window
     * @param gathered      what it gathered for the driver in the window (the trace events), or null
     * @param stats         its counters, or null
     * @param cpuNanos      CPU time its threads used, or -1
     */
    record Report(long now, long nextEventTime, boolean idle, long lastActivity, List<Crossing> sent, Object gathered,
                  VirtualClock.Stats stats, long cpuNanos) {}

    /** Who runs it, for messages ("node 127.0.0.1:2552"). */
    String name();

    /**
     * Hands it {@code received} (each to its link's receiving end) and runs it up to {@code end}.
     * Completes exceptionally, with a message naming the node and what happened, if it cannot.
     */
    CompletionStage<Report> runTo(long end, List<Crossing> received);

    /** Puts its clock back to {@code t} (the run went idle at {@code t}); ordered before the next {@link #runTo}. */
    void rewindTo(long t);

    /** The emulation is over: its server may go. */
    default void close() {}
}
