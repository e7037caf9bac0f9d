package io.tcpemu.runtime.fault;

/** What a fault rule does to the segment it targets. */
public sealed interface FaultAction {
    /** The segment never arrives. */
    record Drop() implements FaultAction {
        @Override public String toString() { return "drop"; }
    }

    /** The segment arrives {@code micros} later than the link would deliver it. */
    record Delay(long micros) implements FaultAction {
        @Override public String toString() { return "delay " + Durations.format(micros); }
    }

    /**
     * The segment arrives as usual and a copy arrives {@code micros} after it: the way to make
     * a wandering duplicate of an old incarnation.
     */
    record Duplicate(long micros) implements FaultAction {
        @Override public String toString() { return "duplicate delay " + Durations.format(micros); }
    }
}
