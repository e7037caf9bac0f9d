package io.tcpemu.run;

import io.tcpemu.config.OutputSettings;
import io.tcpemu.report.Ladder;
import io.tcpemu.tcp.FourTuple;
import io.tcpemu.trace.TraceEvent;

import java.util.List;

/** Which connection a run draws as a ladder, and whether it draws one at all. */
public final class LadderChoice {
    /** Runs with more connections than this (and more segments than ladder-rows) draw no ladder unless asked. */
    public static final int SMALL_RUN = 8;

    private LadderChoice() {}

    /**
     * @param connection a script name ("c1"), a number N (the Nth connection in the trace), or "" for
     *                   the first named connection (else the first in the trace)
     * @return the ladder, or null when none should be drawn
     */
    public static Ladder of(RunResult r, String connection, boolean asked) {
        if (r.events().isEmpty()) return null;
        List<FourTuple> all = Ladder.connections(r.events());
        OutputSettings.Switch mode = r.settings().output().ladder();
        boolean wanted = asked || mode == OutputSettings.Switch.ON || (mode == OutputSettings.Switch.AUTO && small(r, all.size()));
        if (!wanted || all.isEmpty()) return null;
        return Ladder.of(r.events(), tuple(r, all, connection)).within(r.settings().output().ladderRows());
    }

    /** Few connections, or few segments in all: either way a ladder is worth drawing (it is cut to ladder-rows anyway). */
    private static boolean small(RunResult r, int connections) {
        if (connections <= SMALL_RUN) return true;
        long sent = r.events().stream().filter(e -> e instanceof TraceEvent.SegmentEvent s
                && s.action() == TraceEvent.SegmentAction.SENT).count();
        return sent <= r.settings().output().ladderRows();
    }

    /**
     * Checks a connection number before the run (a name is checked against the script's names):
     * null when {@code connection} is null, a name or a number from 1, else the one line to print.
     */
    public static String checkNumber(String connection) {
        if (connection == null || connection.isEmpty() || !connection.chars().allMatch(Character::isDigit)) return null;
        String expected = "--connection " + connection + ": expected a number from 1 (the Nth connection of the run) or a script name";
        if (connection.length() > 9) return expected + ", got a number too large for any run";
        return Long.parseLong(connection) < 1 ? expected : null;
    }

    private static FourTuple tuple(RunResult r, List<FourTuple> all, String connection) {
        if (connection.isEmpty()) {
            // the opener's view reads left to right, as textbooks draw it
            for (RunResult.Connection c : r.connections().values()) if (c.tuple() != null && c.active()) return c.tuple();
            for (RunResult.Connection c : r.connections().values()) if (c.tuple() != null) return c.tuple();
            return all.get(0);
        }
        if (connection.chars().allMatch(Character::isDigit)) {
            long n = checkNumber(connection) == null ? Long.parseLong(connection) : 0;
            if (n < 1 || n > all.size()) throw new IllegalArgumentException("--connection " + connection
                    + ": expected a number from 1 to " + all.size() + " (the connections of this run) or a script name");
            return all.get((int) n - 1);
        }
        RunResult.Connection c = r.connections().get(connection);
        if (c == null) throw new IllegalArgumentException("--connection " + connection + ": no connection of that name"
                + (r.connections().isEmpty() ? "; this run names none, give a number from 1 to " + all.size()
                        : "; named: " + String.join(", ", r.connections().keySet())));
        if (c.tuple() == null) throw new IllegalArgumentException("--connection " + connection + ": it never opened (" + c.error() + ")");
        return c.tuple();
    }
}
