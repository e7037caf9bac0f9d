package io.tcpemu.report;

import static io.tcpemu.report.Scenarios.CLIENT;
import static io.tcpemu.report.Scenarios.CLIENT_VIEW;
import static io.tcpemu.report.Scenarios.SERVER;
import static io.tcpemu.report.TraceBuilder.segment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tcpemu.report.Ladder.Row;
import io.tcpemu.report.TraceBuilder.End;
import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceEvent.SegmentAction;
import io.tcpemu.trace.TraceEvent.SegmentEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class LadderTest {
    private static final End OTHER_CLIENT = TraceBuilder.end("client", "10.0.0.1", 40001, 7);

    /** The lost-FIN story with a second connection's handshake interleaved. */
    private static List<TraceEvent> twoConnections() {
        List<TraceEvent> trace = new ArrayList<>(Scenarios.lostFin());
        trace.addAll(new TraceBuilder()
                .state(500, OTHER_CLIENT, SERVER, State.CLOSED, State.SYN_SENT)
                .send(500, OTHER_CLIENT, SERVER, segment(OTHER_CLIENT, SERVER, Flags.SYN, 5000, 0, 0))
                .state(1_500, SERVER, OTHER_CLIENT, State.LISTEN, State.SYN_RECEIVED)
                .send(1_500, SERVER, OTHER_CLIENT, segment(SERVER, OTHER_CLIENT, Flags.SYN | Flags.ACK, 6000, 5001, 0))
                .events());
        trace.sort(Comparator.comparingLong(TraceEvent::time));
        return trace;
    }

    @Test
    void selectsOneConnectionOutOfMany() {
        List<TraceEvent> trace = twoConnections();
        Ladder ours = Ladder.of(trace, CLIENT_VIEW);
        Ladder other = Ladder.of(trace, TraceBuilder.tuple(OTHER_CLIENT, SERVER));

        assertThat(ours).isEqualTo(Ladder.of(Scenarios.lostFin(), CLIENT_VIEW));
        assertThat(other.rows()).extracting(r -> r.arrow().label()).containsExactly("SYN seq=0", "SYN ACK seq=0 ack=1");
        assertThat(Ladder.connections(trace)).containsExactly(CLIENT_VIEW, TraceBuilder.tuple(OTHER_CLIENT, SERVER));
    }

    @Test
    void selectsByConnectionIdFromThatEndsPointOfView() {
        Ladder fromServer = Ladder.ofConnection(twoConnections(), SERVER.connId());

        assertThat(fromServer.left().title()).isEqualTo("server 10.0.0.2:80");
        assertThat(fromServer.right().title()).isEqualTo("client 10.0.0.1:40000");
        assertThat(fromServer.rows().get(0).arrow().leftToRight()).isFalse();
        assertThatThrownBy(() -> Ladder.ofConnection(twoConnections(), 99))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("99");
    }

    @Test
    void marksTheLostSegmentAndTheRetransmission() {
        List<Row> rows = Ladder.of(Scenarios.lostFin(), CLIENT_VIEW).rows();

        assertThat(rows).filteredOn(r -> r.arrow() != null && r.arrow().lost())
                .singleElement().satisfies(r -> {
                    assertThat(r.time()).isEqualTo(10_000);
                    assertThat(r.arrow().label()).isEqualTo("FIN ACK seq=101 ack=1");
                    assertThat(r.arrow().arrivedAt()).isEqualTo(-1);
                });
        assertThat(rows).filteredOn(r -> r.arrow() != null && r.arrow().label().endsWith("(retx)"))
                .singleElement().satisfies(r -> assertThat(r.arrow().arrivedAt()).isEqualTo(211_000));
    }

    @Test
    void aDuplicatedSegmentGetsItsOwnArrow() {
        Segment syn = segment(CLIENT, SERVER, Flags.SYN, 100, 0, 0);
        List<TraceEvent> trace = List.of(
                new SegmentEvent(0, SegmentAction.SENT, "client", syn, false, ""),
                new SegmentEvent(400, SegmentAction.DUPLICATED, "client->server", syn, false, "dup"),
                new SegmentEvent(1_000, SegmentAction.DELIVERED, "server", syn, false, ""),
                new SegmentEvent(1_400, SegmentAction.DELIVERED, "server", syn, false, ""));

        assertThat(Ladder.of(trace, CLIENT_VIEW).rows()).extracting(Row::arrow)
                .extracting(a -> a.label(), a -> a.arrivedAt())
                .containsExactly(tuple("SYN seq=0", 1_000L),
                        tuple("SYN seq=0 (dup)", 1_400L));
    }

    @Test
    void absoluteNumbersOnRequest() {
        Ladder ladder = Ladder.of(Scenarios.handshakeDataClose(), CLIENT_VIEW, false);

        assertThat(ladder.rows()).extracting(Row::arrow).filteredOn(Objects::nonNull).extracting(a -> a.label())
                .startsWith("SYN seq=100", "SYN ACK seq=300 ack=101", "ACK ack=301");
    }

    @Test
    void svgHasAnArrowPerDeliveredSegmentAndAnXForTheLostOne() throws Exception {
        Ladder ladder = Ladder.of(Scenarios.lostFin(), CLIENT_VIEW);
        Document svg = Xml.parse(LadderSvg.render(ladder));

        long delivered = ladder.rows().stream().filter(r -> r.arrow() != null && !r.arrow().lost()).count();
        assertThat(Xml.elements(svg, "line")).filteredOn(l -> l.hasAttribute("marker-end")).hasSize((int) delivered);
        List<String> texts = Xml.elements(svg, "text").stream().map(Element::getTextContent).toList();
        assertThat(texts).contains("X", "FIN ACK seq=101 ack=1 (lost) →", "client 10.0.0.1:40000", "TIME-WAIT", "210.000");
    }

    @Test
    void svgLabelsOfCrossingFinsStayApart() throws Exception {
        Document svg = Xml.parse(LadderSvg.render(Ladder.of(Scenarios.simultaneousClose(), CLIENT_VIEW)));

        List<Element> fins = Xml.elements(svg, "text").stream()
                .filter(t -> t.getTextContent().contains("FIN ACK")).toList();
        assertThat(fins).hasSize(2);
        double apart = Math.abs(Double.parseDouble(fins.get(0).getAttribute("x")) - Double.parseDouble(fins.get(1).getAttribute("x")));
        assertThat(apart).as("the labels of the FINs sent at the same instant are %s px apart", apart).isGreaterThan(100);
    }

    @Test
    void eachSideStartsInTheStateBeforeItsFirstChange() {
        Ladder ladder = Ladder.of(Scenarios.lostFin(), CLIENT_VIEW);

        assertThat(ladder.left().initial()).isEqualTo(State.CLOSED);
        assertThat(ladder.right().initial()).isEqualTo(State.CLOSED);
        assertThat(LadderText.render(ladder).lines().skip(1).findFirst().orElseThrow())
                .matches(" +CLOSED \\| +\\| CLOSED");
    }

    @Test
    void aReopenedTupleWithALowerIsnKeepsBothIncarnationsNumbered() {
        List<TraceEvent> trace = new TraceBuilder()
                .send(0, CLIENT, SERVER, segment(CLIENT, SERVER, Flags.SYN, 100, 0, 0))
                .send(1_000, SERVER, CLIENT, segment(SERVER, CLIENT, Flags.SYN | Flags.ACK, 300, 101, 0))
                .send(2_000, CLIENT, SERVER, segment(CLIENT, SERVER, Flags.ACK, 101, 301, 0))
                // the client reboots and reopens with a lower ISN; the server still holds the old one
                .send(5_000, CLIENT, SERVER, segment(CLIENT, SERVER, Flags.SYN, 50, 0, 0))
                .send(6_000, SERVER, CLIENT, segment(SERVER, CLIENT, Flags.ACK, 301, 101, 0))
                .send(7_000, CLIENT, SERVER, segment(CLIENT, SERVER, Flags.RST, 101, 0, 0))
                .send(8_000, SERVER, CLIENT, segment(SERVER, CLIENT, Flags.SYN | Flags.ACK, 900, 51, 0))
                .send(9_000, CLIENT, SERVER, segment(CLIENT, SERVER, Flags.ACK, 51, 901, 0))
                .events();

        assertThat(Ladder.of(trace, CLIENT_VIEW).rows()).extracting(r -> r.arrow().label()).containsExactly(
                "SYN seq=0", "SYN ACK seq=0 ack=1", "ACK ack=1",
                "SYN seq=0", "ACK ack=1", "RST seq=1", "SYN ACK seq=0 ack=1", "ACK ack=1");
    }
}
