package io.tcpemu.testkit;

import io.tcpemu.report.Ladder;
import io.tcpemu.report.LadderText;
import io.tcpemu.tcp.FourTuple;
import io.tcpemu.trace.TraceEvent;

import java.util.List;

/** Turns a scenario's trace into words for failure messages: ladder diagrams and exchange lines. */
final class Explain {
    /** The line that introduces the ladders in a failure message. */
    static final String HEADING = "What happened (ladder diagram, time in emulated ms):";
    /** More ladders than this make a failure message too long to read. */
    private static final int MAX_LADDERS = 4;

    private Explain() {}

    /** An assertion failure whose message ends with the ladders of the connections involved. */
    static AssertionError failure(String message, Scenario scenario, List<FourTuple> involved) {
        return new AssertionError(message + "\n\n" + ladders(scenario.trace(), involved));
    }

    /** The ladders of {@code tuples} (at most four), or a note that there was no traffic. */
    static String ladders(List<TraceEvent> events, List<FourTuple> tuples) {
        if (tuples.isEmpty()) return HEADING + "\n(no connection in the trace)\n";
        StringBuilder out = new StringBuilder(HEADING).append('\n');
        for (FourTuple t : tuples.subList(0, Math.min(MAX_LADDERS, tuples.size()))) out.append('\n').append(ladder(events, t));
        if (tuples.size() > MAX_LADDERS) out.append("\n(and ").append(tuples.size() - MAX_LADDERS).append(" more connections)\n");
        return out.toString();
    }

    static String ladder(List<TraceEvent> events, FourTuple tuple) { return LadderText.render(Ladder.of(events, tuple)); }

}
