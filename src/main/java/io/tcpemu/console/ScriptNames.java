package io.tcpemu.console;

import java.util.Set;

/**
 * The names a script's lines give and use, checked before the script runs, so a step on a
 * connection no earlier step named stops the run before it starts rather than halfway.
 */
final class ScriptNames {
    private ScriptNames() {}

    /** Checks one parsed command against the names given so far and adds the one it gives; "" if fine. */
    static String check(Object command, Set<String> named, Session session) {
        if (command instanceof SocketCommands.Connect c) {
            named.add(c.as.size() == 2 ? c.as.get(1) : nextClientId(named));
        } else if (command instanceof SocketCommands.Accept a && a.as.size() == 2) {
            named.add(a.as.get(1));
        } else if (command instanceof SocketCommands.OnConn on && !named.contains(on.id) && !session.acceptedNameAhead(on.id)) {
            return "no connection '" + on.id + "' named by an earlier step"
                    + (named.isEmpty() ? " (name one with 'connect a b:80 as c1' or 'accept b:80 as s1')" : " (named: " + String.join(", ", named) + ")");
        }
        return "";
    }

    /** The connection a parsed command acts on, or null. */
    static String used(Object command) { return command instanceof SocketCommands.OnConn on ? on.id : null; }

    /** The name an unnamed connect gets, as the session gives it: the first free c1, c2 ... */
    private static String nextClientId(Set<String> named) {
        int n = 1;
        while (named.contains("c" + n)) n++;
        return "c" + n;
    }
}
