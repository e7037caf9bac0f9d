package io.tcpemu.runtime.fault;

/**
 * One fault aimed at particular segments: "drop fin from b", "drop 2nd syn",
 * "drop ack in TIME-WAIT from a", "duplicate data from a delay 90s", "delay syn-ack 3s".
 *
 * @param text the rule as the user wrote it, used in traces ("rule drop fin from b")
 */
public record FaultRule(String text, SegmentPattern pattern, FaultAction action) {

    /** Reads a rule; see {@link FaultRuleParser} for the syntax. */
    public static FaultRule parse(String text) { return FaultRuleParser.parse(text); }

    @Override public String toString() { return text; }
}
