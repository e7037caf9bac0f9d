package io.tcpemu.reliability;

import io.tcpemu.tcp.State;
import io.tcpemu.tcp.TcpConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Every state change a connection may make: the edges of RFC 9293's diagram (Figure 5), the
 * ones its text adds (§3.10), and the documented policy edges of {@link TcpConfig}, each with the
 * causes the core reports for it ({@code Effects.stateChanged}) or the host's TIME-WAIT table
 * traces. Anything else is a bug.
 *
 * <p>A cause may carry a condition in brackets: the edge is allowed only when the policy holds
 * ({@code [!challengeAcks]}: only without RFC 5961). Causes are separated by {@code ;}.
 */
final class AllowedEdges {
    private AllowedEdges() {}

    static final String TABLE = """
            from         | to           | causes                                                      | allowed by
            CLOSED       | LISTEN       | listen                                                      | diagram: passive OPEN
            CLOSED       | SYN-SENT     | connect                                                     | diagram: active OPEN
            LISTEN       | SYN-RECEIVED | rcv SYN                                                     | diagram: rcv SYN, snd SYN,ACK
            LISTEN       | ESTABLISHED  | rcv SYN [twoWay]                                            | policy handshake=TWO_WAY (the broken experiment)
            LISTEN       | CLOSED       | close; shutdown; abort                                      | diagram: CLOSE
            SYN-SENT     | SYN-RECEIVED | rcv SYN                                                     | diagram: simultaneous open
            SYN-SENT     | ESTABLISHED  | rcv SYN,ACK                                                 | diagram: rcv SYN,ACK, snd ACK
            SYN-SENT     | CLOSED       | close; shutdown; abort; rcv RST; retransmissions exhausted  | diagram: CLOSE; §3.10.7.3 RST,ACK; §3.8.3 give up
            SYN-RECEIVED | ESTABLISHED  | rcv ACK; rcv SYN,ACK                                        | diagram: rcv ACK of SYN; Figure 8 crossed SYN,ACK
            SYN-RECEIVED | FIN-WAIT-1   | close; shutdown                                             | diagram: CLOSE, snd FIN
            SYN-RECEIVED | LISTEN       | rcv RST; rcv SYN                                            | §3.10.7.4: passive open returns to LISTEN
            SYN-RECEIVED | CLOSED       | rcv RST; rcv SYN [!challengeAcks]; abort; retransmissions exhausted | §3.10.7.4: active open refused; ABORT; give up
            ESTABLISHED  | FIN-WAIT-1   | close; shutdown; rcv ACK; rcv SYN,ACK                       | diagram: CLOSE; §3.10.4 a FIN queued in SYN-RECEIVED goes once ESTABLISHED
            ESTABLISHED  | CLOSE-WAIT   | rcv FIN,ACK                                                 | diagram: rcv FIN
            ESTABLISHED  | CLOSED       | rcv RST; rcv SYN [!challengeAcks]; abort; retransmissions exhausted; close with unread data [rstOnCloseWithUnread] | §3.10.7.4 RST and SYN; ABORT; give up; RFC 2525
            FIN-WAIT-1   | FIN-WAIT-2   | rcv ACK                                                     | diagram: rcv ACK of FIN
            FIN-WAIT-1   | CLOSING      | rcv FIN,ACK                                                 | diagram: rcv FIN
            FIN-WAIT-1   | TIME-WAIT    | rcv FIN,ACK                                                 | §3.10.7.4 eighth step: the FIN also acknowledges ours
            FIN-WAIT-1   | CLOSED       | rcv RST; rcv SYN [!challengeAcks]; abort; retransmissions exhausted; close with unread data [rstOnCloseWithUnread]; rcv data after close [rstOnCloseWithUnread] | §3.10.7.4; ABORT; give up; RFC 2525; Linux TCPAbortOnData
            FIN-WAIT-2   | TIME-WAIT    | rcv FIN,ACK                                                 | diagram: rcv FIN
            FIN-WAIT-2   | CLOSED       | rcv RST; rcv SYN [!challengeAcks]; abort; FIN-WAIT-2 timeout [finWait2Timeout]; close with unread data [rstOnCloseWithUnread]; rcv data after close [rstOnCloseWithUnread] | §3.10.7.4; ABORT; Linux tcp_fin_timeout; RFC 2525; Linux TCPAbortOnData
            CLOSE-WAIT   | LAST-ACK     | close; shutdown                                             | diagram: CLOSE, snd FIN
            CLOSE-WAIT   | CLOSED       | rcv RST; rcv SYN [!challengeAcks]; abort; retransmissions exhausted; close with unread data [rstOnCloseWithUnread] | §3.10.7.4; ABORT; give up; RFC 2525
            CLOSING      | TIME-WAIT    | rcv ACK                                                     | diagram: rcv ACK of FIN
            CLOSING      | CLOSED       | rcv RST; rcv SYN [!challengeAcks]; abort; retransmissions exhausted; close with unread data [rstOnCloseWithUnread] | §3.10.7.4; ABORT; give up; RFC 2525
            LAST-ACK     | CLOSED       | rcv ACK; rcv RST; rcv SYN [!challengeAcks]; abort; retransmissions exhausted; close with unread data [rstOnCloseWithUnread] | diagram: rcv ACK of FIN; §3.10.7.4; ABORT; give up
            TIME-WAIT    | CLOSED       | TIME-WAIT timeout; abort; rcv RST [rstCloses]; rcv SYN reopening TIME-WAIT [synReopens] | diagram: 2·MSL; ABORT; policy rstInTimeWait=CLOSE; RFC 6191 reuse
            TIME-WAIT    | CLOSED       | 2MSL timeout; rcv RST [rstCloses]; rcv SYN, reopened [synReopens]; tw_reuse by connect; time-wait cap | the host's TIME-WAIT table, same rules in its words; host policies tcp_tw_reuse and max-tw-buckets
            """;

    /** One allowed (from, to, cause), with the policy it needs. */
    record Edge(State from, State to, String cause, String condition, String allowedBy) {}

    static final List<Edge> EDGES = parse(TABLE);

    /** Null if the change is allowed under {@code config}; else why not, in words. */
    static String violation(State from, State to, String cause, TcpConfig config) {
        boolean known = false;
        for (Edge e : EDGES) {
            if (e.from() != from || e.to() != to) continue;
            known = true;
            if (e.cause().equals(cause) && holds(e.condition(), config)) return null;
        }
        return known ? from + " -> " + to + " is an edge, but not for cause '" + cause + "' under this config"
                : from + " -> " + to + " (" + cause + ") is not an edge of RFC 9293 or a documented policy";
    }

    /** True if some cause leads from {@code from} to {@code to} (for traces that carry no cause). */
    static boolean isEdge(State from, State to) {
        return EDGES.stream().anyMatch(e -> e.from() == from && e.to() == to);
    }

    private static boolean holds(String condition, TcpConfig c) {
        Predicate<TcpConfig> p = switch (condition) {
            case "" -> x -> true;
            case "twoWay" -> x -> x.handshake() == TcpConfig.Handshake.TWO_WAY;
            case "!challengeAcks" -> x -> !x.challengeAcks();
            case "rstOnCloseWithUnread" -> TcpConfig::rstOnCloseWithUnread;
            case "finWait2Timeout" -> x -> x.finWait2Timeout() > 0;
            case "rstCloses" -> x -> x.rstInTimeWait() == TcpConfig.RstInTimeWait.CLOSE;
            case "synReopens" -> TcpConfig::synReopensTimeWait;
            default -> throw new IllegalStateException("unknown condition in the edge table: " + condition);
        };
        return p.test(c);
    }

    private static List<Edge> parse(String table) {
        List<Edge> edges = new ArrayList<>();
        List<String> lines = table.lines().skip(1).toList();
        for (String line : lines) {
            String[] cols = line.split("\\|");
            State from = State.parse(cols[0]);
            State to = State.parse(cols[1]);
            for (String cause : cols[2].split(";")) {
                String c = cause.trim();
                String condition = "";
                int bracket = c.indexOf('[');
                if (bracket >= 0) {
                    condition = c.substring(bracket + 1, c.indexOf(']')).trim();
                    c = c.substring(0, bracket).trim();
                }
                edges.add(new Edge(from, to, c, condition, cols[3].trim()));
            }
        }
        return List.copyOf(edges);
    }
}
