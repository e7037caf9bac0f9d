package io.tcpemu.testkit;

import io.tcpemu.tcp.Notice;
import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceEvent;

import java.util.Arrays;
import java.util.List;

/** Assertions on one connection end's history; every failure shows its ladder diagram. */
public final class ConnectionAssert {
    private final Conn end;
    private final Scenario scenario;

    ConnectionAssert(Conn end, Scenario scenario) {
        this.end = end;
        this.scenario = scenario;
    }

    /** The end entered these states in this order (others may come between, before and after). */
    public ConnectionAssert passedThrough(State... states) {
        List<State> path = end.states();
        int next = 0;
        for (State s : path) if (next < states.length && s == states[next]) next++;
        if (next < states.length) {
            fail("to pass through " + Arrays.toString(states) + " in that order, but it never reached " + states[next]
                    + " after " + (next == 0 ? "its start" : states[next - 1]) + "; its states were " + path);
        }
        return this;
    }

    /** Its whole history is exactly these states, starting with the one it left first (CLOSED or LISTEN). */
    public ConnectionAssert wentThrough(State... states) {
        List<State> path = end.states();
        if (!path.equals(List.of(states))) fail("to go through exactly " + Arrays.toString(states) + " but its states were " + path);
        return this;
    }

    /** It is in {@code state} now. */
    public ConnectionAssert isIn(State state) {
        State now = end.state();
        if (now != state) fail("to be in " + state + " at " + Time.format(scenario.now()) + " but it is in " + now);
        return this;
    }

    /** It was never in {@code state}. */
    public ConnectionAssert neverWasIn(State state) {
        if (end.states().contains(state)) fail("never to be in " + state + " but its states were " + end.states());
        return this;
    }

    /** It spent exactly {@code micros} of emulated time in {@code state}, in total. */
    public ConnectionAssert stayedIn(State state, long micros) {
        long actual = end.timeIn(state);
        if (actual != micros) fail("to stay in " + state + " for " + Time.format(micros) + " but it stayed " + Time.format(actual));
        return this;
    }

    /** Its user was told {@code notice} (CONNECTED, RESET, REFUSED, TIMED_OUT ...). */
    public ConnectionAssert wasNotified(Notice notice) {
        boolean told = scenario.trace().stream().anyMatch(e -> e instanceof TraceEvent.NoticeEvent n
                && n.host().equals(end.host()) && n.connId() == end.connId() && n.notice() == notice);
        if (!told) fail("to be notified " + notice + " but it never was");
        return this;
    }

    private void fail(String expectation) {
        throw Explain.failure("expected " + end + " " + expectation, scenario, List.of(end.tuple()));
    }
}
