package io.tcpemu.tcp.pair;

import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.Seq;
import io.tcpemu.tcp.State;
import io.tcpemu.tcp.TcpConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9293 §3.10.7 as one table: for each state, what each kind of arriving segment leads to
 * (profile RFC9293: no RFC 5961 challenge ACKs, a RST closes TIME-WAIT). A cell reads
 * {@code NEXT-STATE:SENT}, SENT being the control bits of the reply or {@code -} for none.
 *
 * <p>The segments, with the receiver's RCV.NXT and SND.NXT:
 * <ul>
 *   <li>SYN: {@code <SEQ=RCV.NXT><CTL=SYN>}; SYN-ACK: {@code <SEQ=RCV.NXT><ACK=SND.NXT><CTL=SYN,ACK>}</li>
 *   <li>ACK-in: {@code <SEQ=RCV.NXT><ACK=SND.NXT><CTL=ACK>};
 *       ACK-out: both numbers 100000 beyond (outside the window, acknowledging nothing sent)</li>
 *   <li>FIN: {@code <SEQ=RCV.NXT><ACK=SND.NXT><CTL=FIN,ACK>} — where the peer's FIN is already in
 *       (CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT), its retransmission, one below RCV.NXT</li>
 *   <li>RST-in: {@code <SEQ=RCV.NXT><ACK=SND.NXT><CTL=RST,ACK>}; RST-near: its SEQ 10 beyond (in the
 *       window, not exact); RST-out: 100000 beyond</li>
 *   <li>DATA: 10 bytes {@code <SEQ=RCV.NXT><ACK=SND.NXT><CTL=ACK>} — where the peer's FIN is in,
 *       old data just before the FIN</li>
 * </ul>
 * Before the peer is heard from (CLOSED, LISTEN, SYN-SENT), RCV.NXT is some peer ISN.
 */
class StateTableTest {
    private static final String TABLE = """
            state        | SYN                  | SYN-ACK          | ACK-in           | ACK-out          | FIN            | RST-in         | RST-near       | RST-out        | DATA
            CLOSED       | CLOSED:RST,ACK       | CLOSED:RST       | CLOSED:RST       | CLOSED:RST       | CLOSED:RST     | CLOSED:-       | CLOSED:-       | CLOSED:-       | CLOSED:RST
            LISTEN       | SYN-RECEIVED:SYN,ACK | LISTEN:RST       | LISTEN:RST       | LISTEN:RST       | LISTEN:RST     | LISTEN:-       | LISTEN:-       | LISTEN:-       | LISTEN:RST
            SYN-SENT     | SYN-RECEIVED:SYN,ACK | ESTABLISHED:ACK  | SYN-SENT:-       | SYN-SENT:RST     | SYN-SENT:-     | CLOSED:-       | CLOSED:-       | CLOSED:-       | SYN-SENT:-
            SYN-RECEIVED | LISTEN:-             | LISTEN:-         | ESTABLISHED:-    | SYN-RECEIVED:ACK | CLOSE-WAIT:ACK | LISTEN:-       | LISTEN:-       | SYN-RECEIVED:- | ESTABLISHED:ACK
            ESTABLISHED  | CLOSED:RST,ACK       | CLOSED:RST       | ESTABLISHED:-    | ESTABLISHED:ACK  | CLOSE-WAIT:ACK | CLOSED:-       | CLOSED:-       | ESTABLISHED:-  | ESTABLISHED:ACK
            FIN-WAIT-1   | CLOSED:RST,ACK       | CLOSED:RST       | FIN-WAIT-2:-     | FIN-WAIT-1:ACK   | TIME-WAIT:ACK  | CLOSED:-       | CLOSED:-       | FIN-WAIT-1:-   | FIN-WAIT-2:ACK
            FIN-WAIT-2   | CLOSED:RST,ACK       | CLOSED:RST       | FIN-WAIT-2:-     | FIN-WAIT-2:ACK   | TIME-WAIT:ACK  | CLOSED:-       | CLOSED:-       | FIN-WAIT-2:-   | FIN-WAIT-2:ACK
            CLOSE-WAIT   | CLOSED:RST,ACK       | CLOSED:RST       | CLOSE-WAIT:-     | CLOSE-WAIT:ACK   | CLOSE-WAIT:ACK | CLOSED:-       | CLOSED:-       | CLOSE-WAIT:-   | CLOSE-WAIT:ACK
            CLOSING      | CLOSED:RST,ACK       | CLOSED:RST       | TIME-WAIT:-      | CLOSING:ACK      | CLOSING:ACK    | CLOSED:-       | CLOSED:-       | CLOSING:-      | CLOSING:ACK
            LAST-ACK     | CLOSED:RST,ACK       | CLOSED:RST       | CLOSED:-         | LAST-ACK:ACK     | LAST-ACK:ACK   | CLOSED:-       | CLOSED:-       | LAST-ACK:-     | LAST-ACK:ACK
            TIME-WAIT    | TIME-WAIT:ACK        | TIME-WAIT:ACK    | TIME-WAIT:-      | TIME-WAIT:ACK    | TIME-WAIT:ACK  | CLOSED:-       | CLOSED:-       | TIME-WAIT:-    | TIME-WAIT:ACK
            """;

    /**
     * With RFC 5961 ({@code challengeAcks}, as Linux): only these cells differ (blank: as above).
     * A SYN, or a RST not exactly at RCV.NXT, no longer ends a synchronized connection; it gets a
     * "challenge ACK", so a blind attacker must guess the sequence number exactly.
     */
    private static final String RFC5961_CHANGES = """
            state        | SYN             | SYN-ACK         | RST-near
            SYN-RECEIVED |                 |                 | SYN-RECEIVED:ACK
            ESTABLISHED  | ESTABLISHED:ACK | ESTABLISHED:ACK | ESTABLISHED:ACK
            FIN-WAIT-1   | FIN-WAIT-1:ACK  | FIN-WAIT-1:ACK  | FIN-WAIT-1:ACK
            FIN-WAIT-2   | FIN-WAIT-2:ACK  | FIN-WAIT-2:ACK  | FIN-WAIT-2:ACK
            CLOSE-WAIT   | CLOSE-WAIT:ACK  | CLOSE-WAIT:ACK  | CLOSE-WAIT:ACK
            CLOSING      | CLOSING:ACK     | CLOSING:ACK     | CLOSING:ACK
            LAST-ACK     | LAST-ACK:ACK    | LAST-ACK:ACK    | LAST-ACK:ACK
            TIME-WAIT    |                 |                 | TIME-WAIT:ACK
            """;

    private static final TcpConfig RFC = Profile.RFC9293.config();
    private static final TcpConfig RFC5961 = RFC.withChallengeAcks(true);
    private static final int FAR = 100_000;
    private static final int NEAR = 10;

    static Stream<Arguments> rfc9293() {
        return cells(TABLE).entrySet().stream()
                .map(c -> Arguments.of(c.getKey().state(), c.getKey().kind(), c.getValue()));
    }

    static Stream<Arguments> rfc5961() {
        Map<Cell, String> cells = cells(TABLE);
        cells.putAll(cells(RFC5961_CHANGES));
        return cells.entrySet().stream()
                .map(c -> Arguments.of(c.getKey().state(), c.getKey().kind(), c.getValue()));
    }

    private record Cell(State state, String kind) {}

    /** The non-blank cells of a table, in reading order. */
    private static Map<Cell, String> cells(String table) {
        List<String> rows = table.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
        List<String> kinds = split(rows.get(0));
        Map<Cell, String> cells = new LinkedHashMap<>();
        for (String row : rows.subList(1, rows.size())) {
            List<String> cols = split(row);
            State state = State.parse(cols.get(0));
            for (int k = 1; k < kinds.size(); k++) {
                if (!cols.get(k).isEmpty()) cells.put(new Cell(state, kinds.get(k)), cols.get(k));
            }
        }
        return cells;
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @MethodSource("rfc9293")
    void a_segment_arrives(State state, String kind, String expected) {
        check(RFC, state, kind, expected);
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @MethodSource("rfc5961")
    void a_segment_arrives_with_challenge_acks(State state, String kind, String expected) {
        check(RFC5961, state, kind, expected);
    }

    private static void check(TcpConfig config, State state, String kind, String expected) {
        StateFixtures.Subject s = StateFixtures.reach(state, config);
        assertThat(s.side().state()).as("fixture").isEqualTo(state);
        int mark = s.pair().trace().mark();

        s.pair().deliverNow(s.inbound(), segment(s, state, kind));

        List<PairTrace.Event> after = s.pair().trace().events().subList(mark, s.pair().trace().events().size());
        String replies = after.stream()
                .filter(e -> e.kind() == PairTrace.Kind.SEND && e.dir() == s.inbound().reverse())
                .map(e -> Flags.rfc793(e.segment().flags()))
                .collect(Collectors.joining(" "));
        assertThat(s.side().state() + ":" + (replies.isEmpty() ? "-" : replies))
                .as(s.pair().trace().dump())
                .isEqualTo(expected);
    }

    private static Segment segment(StateFixtures.Subject s, State state, String kind) {
        int rcv = s.rcvNxt();
        int snd = s.sndNxt();
        boolean peerFinIn = state == State.CLOSE_WAIT || state == State.CLOSING
                || state == State.LAST_ACK || state == State.TIME_WAIT;
        return switch (kind) {
            case "SYN" -> s.segment(rcv, 0, Flags.SYN);
            case "SYN-ACK" -> s.segment(rcv, snd, Flags.SYN | Flags.ACK);
            case "ACK-in" -> s.segment(rcv, snd, Flags.ACK);
            case "ACK-out" -> s.segment(Seq.add(rcv, FAR), Seq.add(snd, FAR), Flags.ACK);
            case "FIN" -> s.segment(peerFinIn ? Seq.add(rcv, -1) : rcv, snd, Flags.FIN | Flags.ACK);
            case "RST-in" -> s.segment(rcv, snd, Flags.RST | Flags.ACK);
            case "RST-near" -> s.segment(Seq.add(rcv, NEAR), snd, Flags.RST | Flags.ACK);
            case "RST-out" -> s.segment(Seq.add(rcv, FAR), snd, Flags.RST | Flags.ACK);
            case "DATA" -> s.segment(peerFinIn ? Seq.add(rcv, -11) : rcv, snd, Flags.ACK).withPayload(new byte[10]);
            default -> throw new IllegalArgumentException("unknown segment kind in the table: " + kind);
        };
    }

    private static List<String> split(String row) {
        return Stream.of(row.split("\\|")).map(String::trim).toList();
    }
}
