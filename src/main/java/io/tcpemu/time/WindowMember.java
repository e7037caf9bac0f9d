package io.tcpemu.time;

/**
 * One partition as the window protocol ({@link Windows}) drives it: a {@link VirtualLoop} in this
 * JVM, or a {@link RemoteMember} whose partition runs on another node. Between windows only.
 */
interface WindowMember {
    /** Starts running up to {@code d.target} without waiting. */
    void start(Drive d);

    /** Waits until the window {@link #start}ed is done. */
    void join(Drive d);

    /**
     * Instead of {@link #start}: if it has nothing to do up to {@code target} (nothing queued or
     * running, no timer due by then), moves its clock there at once, as running the window would,
     * and returns true; else false, and the window is started as usual.
     */
    default boolean skipTo(long target) { return false; }

    long now();

    /** When it next has something to do (Long.MAX_VALUE: never). */
    long nextEventTime();

    /** As {@link #nextEventTime}, with segments handed to it at the last barrier, the earliest due at {@code earliest}, not yet taken. */
    long nextEventTimeAfterHandOvers(long earliest);

    /** Nothing queued, no one-shot timer pending. */
    boolean isIdle();

    /** The clock when it last ran anything. */
    long lastActivity();

    /** Puts the clock back to {@code t}, which nothing has happened since. */
    void rewindTo(long t);

    VirtualClock.Stats stats();

    /** CPU time spent running it, or -1 if unknown. */
    long cpuTimeNanos();
}
