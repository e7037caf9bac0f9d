package io.tcpemu.tcp;

import java.util.Arrays;

/**
 * The deadline of each {@link TimerKind}, mirrored to {@link Effects}, so a firing that was
 * cancelled or re-armed meanwhile can be recognised as stale and ignored.
 */
final class TimerTable {
    private static final TimerKind[] KINDS = TimerKind.values();
    private static final long NONE = Long.MIN_VALUE;

    private final Effects effects;
    private final long[] deadlines = new long[KINDS.length];

    TimerTable(Effects effects) {
        this.effects = effects;
        Arrays.fill(deadlines, NONE);
    }

    void arm(TimerKind kind, long deadline) {
        deadlines[kind.ordinal()] = deadline;
        effects.armTimer(kind, deadline);
    }

    void cancel(TimerKind kind) {
        if (deadlines[kind.ordinal()] == NONE) return;
        deadlines[kind.ordinal()] = NONE;
        effects.cancelTimer(kind);
    }

    void cancelAll() {
        for (TimerKind kind : KINDS) cancel(kind);
    }

    boolean isArmed(TimerKind kind) { return deadlines[kind.ordinal()] != NONE; }

    /** True, and disarmed, if {@code kind} is armed with a deadline at or before {@code now}. */
    boolean fire(TimerKind kind, long now) {
        long deadline = deadlines[kind.ordinal()];
        if (deadline == NONE || now < deadline) return false;
        deadlines[kind.ordinal()] = NONE;
        return true;
    }
}
