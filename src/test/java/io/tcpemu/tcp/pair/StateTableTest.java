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

import java.util.ArrayList;
import java.util.List;
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
 *   <li>RST-in: {@code <SEQ=RCV.NXT><ACK=SND.NXT><CTL=RST,ACK>}; RST-out: its SEQ 100000 beyond</li>
 *   <li>DATA: 10 bytes {@code <SEQ=RCV.NXT><ACK=SND.NXT><CTL=ACK>} — where the peer's FIN is in,
 *       old data just before the FIN</li>
 * </ul>
 * Before the peer is heard from (CLOSED, LISTEN, SYN-SENT), RCV.NXT is some peer ISN.
 */
class StateTableTest {
    private static final String TABLE = """
            state        | SYN                  | SYN-ACK            | ACK-in             | ACK-out            | FIN               | RST-in          | RST-out         | DATA
            CLOSED       | CLOSED:RST,ACK       | CLOSED:RST         | CLOSED:RST         | CLOSED:RST         | CLOSED:RST        | CLOSED:-        | CLOSED:-        | CLOSED:RST
            LISTEN       | SYN-RECEIVED:SYN,ACK | LISTEN:RST         | LISTEN:RST         | LISTEN:RST         | LISTEN:RST        | LISTEN:-        | LISTEN:-        | LISTEN:RST
            SYN-SENT     | SYN-RECEIVED:SYN,ACK | ESTABLISHED:ACK    | SYN-SENT:-         | SYN-SENT:RST       | SYN-SENT:-        | CLOSED:-        | CLOSED:-        | SYN-SENT:-
            SYN-RECEIVED | LISTEN:-             | LISTEN:-           | ESTABLISHED:-      | SYN-RECEIVED:ACK   | CLOSE-WAIT:ACK    | LISTEN:-        | SYN-RECEIVED:-  | ESTABLISHED:ACK
            ESTABLISHED  | CLOSED:RST,ACK       | CLOSED:RST         | ESTABLISHED:-      | ESTABLISHED:ACK    | CLOSE-WAIT:ACK    | CLOSED:-        | ESTABLISHED:-   | ESTABLISHED:ACK
            FIN-WAIT-1   | CLOSED:RST,ACK       | CLOSED:RST         | FIN-WAIT-2:-       | FIN-WAIT-1:ACK     | TIME-WAIT:ACK     | CLOSED:-        | FIN-WAIT-1:-    | FIN-WAIT-2:ACK
            FIN-WAIT-2   | CLOSED:RST,ACK       | CLOSED:RST         | FIN-WAIT-2:-       | FIN-WAIT-2:ACK     | TIME-WAIT:ACK     | CLOSED:-        | FIN-WAIT-2:-    | FIN-WAIT-2:ACK
            CLOSE-WAIT   | CLOSED:RST,ACK       | CLOSED:RST         | CLOSE-WAIT:-       | CLOSE-WAIT:ACK     | CLOSE-WAIT:ACK    | CLOSED:-        | CLOSE-WAIT:-    | CLOSE-WAIT:ACK
            CLOSING      | CLOSED:RST,ACK       | CLOSED:RST         | TIME-WAIT:-        | CLOSING:ACK        | CLOSING:ACK       | CLOSED:-        | CLOSING:-       | CLOSING:ACK
            LAST-ACK     | CLOSED:RST,ACK       | CLOSED:RST         | CLOSED:-           | LAST-ACK:ACK       | LAST-ACK:ACK      | CLOSED:-        | LAST-ACK:-      | LAST-ACK:ACK
            TIME-WAIT    | TIME-WAIT:ACK        | TIME-WAIT:ACK      | TIME-WAIT:-        | TIME-WAIT:ACK      | TIME-WAIT:ACK     | CLOSED:-        | TIME-WAIT:-     | TIME-WAIT:ACK
            """;

    private static final TcpConfig RFC = Profile.RFC9293.config();
    private static final int FAR = 100_000;

    static Stream<Arguments> cells() {
        List<String> rows = TABLE.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
        List<String> kinds = split(rows.get(0)).subList(1, 9);
        List<Arguments> cells = new ArrayList<>();
        for (String row : rows.subList(1, rows.size())) {
            List<String> cols = split(row);
            State state = State.parse(cols.get(0));
            for (int k = 0; k < kinds.size(); k++) {
                String[] expected = cols.get(k + 1).split(":");
                cells.add(Arguments.of(state, kinds.get(k), State.parse(expected[0]), expected[1]));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}, sends {3}")
    @MethodSource("cells")
    void a_segment_arrives(State state, String kind, State next, String sent) {
        StateFixtures.Subject s = StateFixtures.reach(state, RFC);
        assertThat(s.side().state()).as("fixture").isEqualTo(state);
        int mark = s.pair().trace().mark();

        s.pair().deliverNow(s.inbound(), segment(s, state, kind));

        List<PairTrace.Event> after = s.pair().trace().events().subList(mark, s.pair().trace().events().size());
        String replies = after.stream()
                .filter(e -> e.kind() == PairTrace.Kind.SEND && e.dir() == s.inbound().reverse())
                .map(e -> PairTrace.controls(e.segment().flags()))
                .collect(Collectors.joining(" "));
        assertThat(s.side().state() + ":" + (replies.isEmpty() ? "-" : replies))
                .as(s.pair().trace().dump())
                .isEqualTo(next + ":" + sent);
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
            case "RST-out" -> s.segment(Seq.add(rcv, FAR), snd, Flags.RST | Flags.ACK);
            case "DATA" -> s.segment(peerFinIn ? Seq.add(rcv, -11) : rcv, snd, Flags.ACK).withPayload(new byte[10]);
            default -> throw new IllegalArgumentException("unknown segment kind in the table: " + kind);
        };
    }

    private static List<String> split(String row) {
        return Stream.of(row.split("\\|")).map(String::trim).toList();
    }
}
