package io.tcpemu.tcp;

import java.util.Arrays;

/**
 * The deadline of each {@link TimerKind}, mirrored to {@link Effects}, so a firing that was
 * cancelled or re-armed meanwhile can be recognised as stale and ignored. The deadlines exist
 * only while some timer is armed: an idle established connection has none, and a million of
 * them would otherwise hold 56 MB of empty tables.
 */
final class TimerTable {
    private static final TimerKind[] KINDS = TimerKind.values();
    private static final long NONE = Long.MIN_VALUE;

    private final Effects effects;
    private long[] deadlines;
    private int armed;

    TimerTable(Effects effects) { this.effects = effects; }

    void arm(TimerKind kind, long deadline) {
        if (deadlines == null) {
            deadlines = new long[KINDS.length];
            Arrays.fill(deadlines, NONE);
        }
        if (deadlines[kind.ordinal()] == NONE) armed++;
        deadlines[kind.ordinal()] = deadline;
        effects.armTimer(kind, deadline);
    }

    void cancel(TimerKind kind) {
        if (!isArmed(kind)) return;
        disarm(kind);
        effects.cancelTimer(kind);
    }

    void cancelAll() {
        for (TimerKind kind : KINDS) cancel(kind);
    }

    boolean isArmed(TimerKind kind) { return deadlines != null && deadlines[kind.ordinal()] != NONE; }

    /** True, and disarmed, if {@code kind} is armed with a deadline at or before {@code now}. */
    boolean fire(TimerKind kind, long now) {
        if (!isArmed(kind) || now < deadlines[kind.ordinal()]) return false;
        disarm(kind);
        return true;
    }

    private void disarm(TimerKind kind) {
        deadlines[kind.ordinal()] = NONE;
        if (--armed == 0) deadlines = null;
    }
}
