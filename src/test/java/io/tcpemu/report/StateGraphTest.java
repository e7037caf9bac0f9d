package io.tcpemu.report;

import static io.tcpemu.tcp.State.CLOSED;
import static io.tcpemu.tcp.State.CLOSING;
import static io.tcpemu.tcp.State.ESTABLISHED;
import static io.tcpemu.tcp.State.FIN_WAIT_1;
import static io.tcpemu.tcp.State.FIN_WAIT_2;
import static io.tcpemu.tcp.State.LISTEN;
import static io.tcpemu.tcp.State.SYN_RECEIVED;
import static io.tcpemu.tcp.State.TIME_WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tcpemu.report.StateGraph.Edge;
import io.tcpemu.report.StateGraph.Transition;
import io.tcpemu.trace.TraceEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class StateGraphTest {

    @Test
    void countsTheTransitionsATraceTook() {
        List<TraceEvent> trace = new ArrayList<>(Scenarios.handshakeDataClose());
        trace.addAll(Scenarios.simultaneousClose());
        StateGraph graph = StateGraph.fromEvents(trace);

        assertThat(graph.count(ESTABLISHED, FIN_WAIT_1)).as("client closes in both, server in the second").isEqualTo(3);
        assertThat(graph.count(FIN_WAIT_1, CLOSING)).isEqualTo(2);
        assertThat(graph.count(FIN_WAIT_2, TIME_WAIT)).isEqualTo(1);
        assertThat(graph.count(TIME_WAIT, CLOSED)).as("only the first trace runs past 2·MSL").isEqualTo(1);
        assertThat(graph.count(LISTEN, CLOSED)).isZero();
    }

    @Test
    void keepsEveryRfcEdgeAndAddsTheOthersTheRunTook() {
        StateGraph graph = StateGraph.of(Map.of(new Transition(ESTABLISHED, CLOSED), 4L,
                new Transition(FIN_WAIT_1, FIN_WAIT_2), 2L));

        assertThat(graph.edges()).hasSize(StateGraph.RFC_DIAGRAM.size() + 1);
        assertThat(graph.edges()).filteredOn(e -> !e.inRfcDiagram())
                .containsExactly(new Edge(ESTABLISHED, CLOSED, "", 4));
        assertThat(graph.count(FIN_WAIT_1, FIN_WAIT_2)).isEqualTo(2);
    }

    @Test
    void svgDrawsElevenStatesAndFadesEdgesNeverTaken() throws Exception {
        StateGraph graph = StateGraph.fromEvents(Scenarios.handshakeDataClose());
        Document svg = Xml.parse(StateGraphSvg.render(graph));

        List<String> boxes = Xml.elements(svg, "text").stream().filter(t -> t.getAttribute("class").equals("state"))
                .map(Element::getTextContent).toList();
        assertThat(boxes).hasSize(12).contains("CLOSED", "LISTEN", "SYN-RECEIVED", "TIME-WAIT", "LAST-ACK")
                .as("CLOSED drawn twice, as in the RFC").filteredOn("CLOSED"::equals).hasSize(2);
        List<Element> paths = Xml.elements(svg, "path").stream().filter(p -> p.hasAttribute("marker-end")).toList();
        assertThat(paths).hasSize(graph.edges().size());
        long taken = graph.edges().stream().filter(e -> e.count() > 0).count();
        assertThat(paths).filteredOn(p -> p.getAttribute("stroke").equals("#c9c9c9"))
                .hasSize((int) (graph.edges().size() - taken));
        assertThat(Xml.elements(svg, "text").stream().map(Element::getTextContent)).contains("1×", "0×");
    }

    @Test
    void dotHasPinnedNodesAndCountedEdges() {
        String dot = StateGraphDot.render(StateGraph.of(Map.of(new Transition(TIME_WAIT, CLOSED), 7L)));

        assertThat(dot).startsWith("digraph tcp_states {")
                .contains("TIME_WAIT [label=\"TIME-WAIT\", pos=")
                .contains("TIME_WAIT -> CLOSED_bottom [label=\"Timeout=2MSL\\n7×\", color=\"#1f4e9c\"")
                .contains("CLOSED_top -> LISTEN [label=\"passive OPEN\\n0×\", color=gray80");
        assertThat(dot.lines().filter(l -> l.contains("->"))).hasSize(StateGraph.RFC_DIAGRAM.size());
    }

    /**
     * Issue 19: edges ran through their own labels (rcv SYN,ACK / snd ACK, CLOSE, SEND / snd SYN, seen
     * in Chromium). No label may cover an edge, its arrowhead, a state's box or another label: for a
     * run that takes few edges, and for one that takes every edge of the figure thousands of times
     * (the thickest lines).
     */
    @Test
    void noEdgeLabelCoversAnEdgeABoxOrAnotherLabel() throws Exception {
        Map<Transition, Long> everyEdge = new java.util.HashMap<>();
        for (Transition t : StateGraph.RFC_DIAGRAM.keySet()) everyEdge.put(t, 2_000L);
        for (StateGraph graph : List.of(StateGraph.fromEvents(Scenarios.handshakeDataClose()), StateGraph.fromEvents(Scenarios.lostFin()),
                StateGraph.fromEvents(Scenarios.simultaneousClose()), StateGraph.of(everyEdge))) {
            Document svg = Xml.parse(StateGraphSvg.render(graph));
            List<double[]> curvePoints = new ArrayList<>();
            for (Element path : Xml.elements(svg, "path")) {
                if (!path.hasAttribute("marker-end")) continue;
                String[] n = path.getAttribute("d").replaceAll("[MQ]", "").trim().split("[ ,]+");
                double[] v = java.util.Arrays.stream(n).mapToDouble(Double::parseDouble).toArray();
                double half = Double.parseDouble(path.getAttribute("stroke-width")) / 2;
                for (int i = 0; i <= 200; i++) {
                    double t = i / 200.0, u = 1 - t;
                    curvePoints.add(new double[] {u * u * v[0] + 2 * u * t * v[2] + t * t * v[4], u * u * v[1] + 2 * u * t * v[3] + t * t * v[5], half});
                }
            }
            List<LabelSpace.Box> boxes = new ArrayList<>();
            for (Element r : Xml.elements(svg, "rect")) {
                if (!r.hasAttribute("x")) continue;
                double x = Double.parseDouble(r.getAttribute("x")), y = Double.parseDouble(r.getAttribute("y"));
                boxes.add(new LabelSpace.Box(x, y, x + Double.parseDouble(r.getAttribute("width")), y + Double.parseDouble(r.getAttribute("height"))));
            }
            List<LabelSpace.Box> labels = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (Element t : Xml.elements(svg, "text")) {
                if (!t.getAttribute("class").startsWith("edge-")) continue;
                assertThat(t.getAttribute("text-anchor")).isEqualTo("start");
                labels.add(LabelSpace.box(new LabelSpace.Place(Double.parseDouble(t.getAttribute("x")), Double.parseDouble(t.getAttribute("y"))),
                        t.getTextContent().length(), Integer.parseInt(t.getAttribute("font-size"))));
                names.add(t.getTextContent());
            }
            assertThat(labels).as("an event and a count per edge").hasSize(2 * graph.edges().size());
            for (int i = 0; i < labels.size(); i++) {
                LabelSpace.Box l = labels.get(i);
                String name = names.get(i);
                assertThat(curvePoints).as("edges under '%s' at %s", name, l)
                        .noneMatch(p -> p[0] + p[2] > l.x0() && p[0] - p[2] < l.x1() && p[1] + p[2] > l.y0() && p[1] - p[2] < l.y1());
                assertThat(boxes).as("state boxes under '%s'", name).noneMatch(l::overlaps);
                for (int j = i + 1; j < labels.size(); j++) assertThat(l.overlaps(labels.get(j))).as("'%s' and '%s'", name, names.get(j)).isFalse();
            }
        }
    }

    /** close-race: two listen calls accepted 2000 connections; passive OPEN happened twice. */
    @Test
    void passiveOpenIsCountedPerListenCallNotPerAcceptedConnection() {
        List<TraceEvent> trace = new ArrayList<>();
        trace.add(new TraceEvent.SocketCall(0, "b", 0, "listen 80", "ok"));
        trace.add(new TraceEvent.SocketCall(0, "c", 0, "listen 80", "ok"));
        trace.add(new TraceEvent.SocketCall(0, "c", 0, "listen 80", "EADDRINUSE"));
        for (int i = 0; i < 5; i++) {
            trace.add(new TraceEvent.StateChanged(1, "b", i, null, CLOSED, LISTEN, "listen"));
            trace.add(new TraceEvent.StateChanged(1, "b", i, null, LISTEN, SYN_RECEIVED, "rcv SYN"));
        }
        StateGraph graph = StateGraph.fromEvents(trace);

        assertThat(graph.count(CLOSED, LISTEN)).isEqualTo(2);
        assertThat(graph.count(LISTEN, SYN_RECEIVED)).as("per connection").isEqualTo(5);
        assertThat(StateGraph.of(Map.of(new Transition(CLOSED, LISTEN), 5L), 2).count(CLOSED, LISTEN)).isEqualTo(2);
    }

    /** RFC 9293 §3.10.7.4: a FIN that also acknowledges ours takes FIN-WAIT-1 straight to TIME-WAIT. */
    @Test
    void finWait1ToTimeWaitIsAnRfcTransitionNotAnOutsider() {
        StateGraph graph = StateGraph.of(Map.of(new Transition(FIN_WAIT_1, TIME_WAIT), 3L), 0);
        Edge edge = graph.edges().stream().filter(e -> e.from() == FIN_WAIT_1 && e.to() == TIME_WAIT).findFirst().orElseThrow();

        assertThat(edge.label()).isEqualTo("rcv FIN,ACK / snd ACK (RFC 9293 §3.10.7.4)");
        assertThat(StateGraphDot.render(graph)).contains("FIN_WAIT_1 -> TIME_WAIT [label=\"rcv FIN,ACK / snd ACK (RFC 9293 §3.10.7.4)\\n3×\"")
                .doesNotContain("outside RFC");
        assertThat(StateGraphSvg.render(graph)).contains("rcv FIN,ACK / snd ACK (RFC 9293 §3.10.7.4)").doesNotContain("outside RFC");
    }
}
