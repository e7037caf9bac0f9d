package io.tcpemu.run;

import io.tcpemu.config.ScriptStep;

import java.util.List;
import java.util.Set;

/**
 * One parsed {@code script} step. The words a scenario may use:
 * <pre>
 *   listen HOST:PORT [backlog N]
 *   unlisten HOST:PORT
 *   connect HOST HOST:PORT [from PORT] [as NAME]     (a name is given if none: c1, c2 ...)
 *   accept HOST:PORT [as NAME]                        (the next connection the listener completes)
 *   send NAME BYTES | shutdown NAME | close NAME | abort NAME | linger NAME SECONDS
 * </pre>
 *
 * @param verb   the first word
 * @param host   the host the call runs on ("" when the verb names a connection)
 * @param target host of HOST:PORT ("" if none)
 * @param port   port of HOST:PORT, or the local port of {@code connect ... from PORT} in {@code number}
 * @param name   the connection the step names or creates
 * @param number bytes, seconds, backlog or local port, by verb (-1 = not given)
 */
record ScriptCommand(long at, String verb, String host, String target, int port, String name, long number, String where) {

    static final List<String> VERBS = List.of("listen", "unlisten", "connect", "accept", "send", "shutdown", "close", "abort", "linger");
    private static final Set<String> ON_NAME = Set.of("send", "shutdown", "close", "abort", "linger");

    /** Parses a step; {@code nextName} gives a name to a connect without {@code as}. Throws with "where: do: ..." on a mistake. */
    static ScriptCommand parse(ScriptStep step, java.util.function.Supplier<String> nextName) {
        Words w = new Words(step.command().trim().split("\\s+"), step.where() + ": do \"" + step.command() + "\"");
        String verb = w.next("a command (" + String.join(", ", VERBS) + ")");
        if (!VERBS.contains(verb)) throw w.error("unknown command '" + verb + "'; expected one of " + String.join(", ", VERBS));
        if (ON_NAME.contains(verb)) {
            String name = w.next("a connection name such as c1");
            long number = -1;
            if (verb.equals("send")) number = w.number("a byte count such as 100");
            if (verb.equals("linger")) number = w.number("SO_LINGER seconds such as 0");
            w.end();
            return new ScriptCommand(step.at(), verb, "", "", 0, name, number, step.where());
        }
        String host = verb.equals("connect") ? w.next("the connecting host, as in connect a b:80") : "";
        String[] hp = w.hostPort();
        long number = -1;
        String name = "";
        while (w.more()) {
            String word = w.next("");
            switch (word) {
                case "as" -> name = w.next("a connection name after 'as'");
                case "from" -> { if (verb.equals("connect")) number = w.port("a local port after 'from'"); else throw w.error("'from' only goes with connect"); }
                case "backlog" -> { if (verb.equals("listen")) number = w.number("a backlog such as 16"); else throw w.error("'backlog' only goes with listen"); }
                default -> throw w.error("unexpected word '" + word + "'");
            }
        }
        if (verb.equals("connect") && name.isEmpty()) name = nextName.get();
        if (verb.equals("accept") && name.isEmpty()) name = nextName.get();
        return new ScriptCommand(step.at(), verb, verb.equals("connect") ? host : hp[0], hp[0], Integer.parseInt(hp[1]), name, number, step.where());
    }

    /** A cursor over a command's words that explains what it expected. */
    private static final class Words {
        private final String[] words;
        private final String context;
        private int i;

        Words(String[] words, String context) {
            this.words = words;
            this.context = context;
        }

        boolean more() { return i < words.length; }

        String next(String expected) {
            if (!more()) throw error("expected " + expected + " after '" + String.join(" ", words) + "'");
            return words[i++];
        }

        long number(String expected) {
            String word = next(expected);
            try {
                long n = Long.parseLong(word);
                if (n < 0) throw new NumberFormatException();
                return n;
            } catch (NumberFormatException e) {
                throw error("expected " + expected + ", got '" + word + "'");
            }
        }

        int port(String expected) {
            long n = number(expected);
            if (n < 1 || n > 65535) throw error("expected " + expected + " from 1 to 65535, got " + n);
            return (int) n;
        }

        String[] hostPort() {
            String word = next("HOST:PORT such as b:80");
            int colon = word.lastIndexOf(':');
            if (colon > 0) {
                try {
                    int port = Integer.parseInt(word.substring(colon + 1));
                    if (port >= 1 && port <= 65535) return new String[] {word.substring(0, colon), String.valueOf(port)};
                } catch (NumberFormatException ignored) {
                    // reported below
                }
            }
            throw error("expected HOST:PORT with a port from 1 to 65535 such as b:80, got '" + word + "'");
        }

        void end() { if (more()) throw error("unexpected word '" + words[i] + "'"); }

        IllegalArgumentException error(String message) { return new IllegalArgumentException(context + ": " + message); }
    }
}
