package io.tcpemu.report;

import static io.tcpemu.report.Scenarios.CLIENT_VIEW;
import static org.assertj.core.api.Assertions.assertThat;

import io.tcpemu.config.Settings;
import io.tcpemu.report.Ladder.Row;
import io.tcpemu.run.LadderChoice;
import io.tcpemu.run.RunResult;
import io.tcpemu.run.Runner;
import io.tcpemu.run.ScenarioFile;
import io.tcpemu.tcp.State;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Ladders of any length: time drawn to scale with quiet stretches compressed, bands, incarnations, a row budget. */
class LadderScalesTest {

    @Test
    void aLongQuietStretchIsABreakLabelledWithItsDurationAndShorterGapsAreToScale() throws Exception {
        Ladder ladder = Ladder.of(Scenarios.lostFin(), CLIENT_VIEW);
        Document svg = Xml.parse(LadderSvg.render(ladder));

        assertThat(texts(svg)).as("the 200 ms retransmission timeout").contains("… 200.000 ms later …");
        double synY = rowY(svg, "0.000");
        double synAckY = rowY(svg, "1.000");
        double finY = rowY(svg, "10.000");
        assertThat(finY - synAckY).as("9 ms is drawn taller than 1 ms").isGreaterThan(3 * (synAckY - synY));
    }

    @Test
    void segmentLabelsStayOutsideTheLifelinesSoNoArrowCrossesThem() throws Exception {
        Document svg = Xml.parse(LadderSvg.render(Ladder.of(Scenarios.lostFin(), CLIENT_VIEW)));
        List<Element> lines = Xml.elements(svg, "line").stream().filter(l -> l.hasAttribute("marker-end")
                || l.getAttribute("stroke-dasharray").equals("5 3")).toList();
        double leftmost = lines.stream().mapToDouble(l -> Math.min(x(l, "x1"), x(l, "x2"))).min().orElseThrow();
        double rightmost = lines.stream().mapToDouble(l -> Math.max(x(l, "x1"), x(l, "x2"))).max().orElseThrow();

        List<Element> labels = Xml.elements(svg, "text").stream()
                .filter(t -> t.getTextContent().endsWith(" →") || t.getTextContent().startsWith("← ")).toList();
        assertThat(labels).hasSizeGreaterThan(5).allSatisfy(t -> {
            if (t.getTextContent().endsWith(" →")) {
                assertThat(t.getAttribute("text-anchor")).isEqualTo("end");
                assertThat(x(t, "x")).as("'%s' ends left of every arrow", t.getTextContent()).isLessThan(leftmost - 90);
            } else {
                assertThat(t.getAttribute("text-anchor")).isEqualTo("start");
                assertThat(x(t, "x")).as("'%s' starts right of every arrow", t.getTextContent()).isGreaterThan(rightmost + 90);
            }
        });
        assertThat(texts(svg)).contains("FIN ACK seq=101 ack=1 (lost) →");
    }

    @Test
    void aLadderOverItsRowBudgetKeepsItsFirstAndLastRowsAndSaysHowToGetTheRest() throws Exception {
        Ladder whole = Ladder.of(Scenarios.handshakeDataClose(), CLIENT_VIEW);
        Ladder cut = whole.within(4);

        assertThat(cut.rows()).hasSize(4);
        assertThat(cut.rows().subList(0, 2)).isEqualTo(whole.rows().subList(0, 2));
        assertThat(cut.rows().subList(2, 4)).isEqualTo(whole.rows().subList(whole.rows().size() - 2, whole.rows().size()));
        assertThat(cut.totalRows()).isEqualTo(whole.rows().size());
        String note = "... " + (whole.rows().size() - 4) + " rows left out (of " + whole.rows().size()
                + "); --set output.ladder-rows=" + whole.rows().size() + " draws them all";
        assertThat(cut.omissionNote()).isEqualTo(note);
        assertThat(LadderText.render(cut).lines().toList().get(4)).as("after the initial states and two rows").isEqualTo(note);
        assertThat(texts(Xml.parse(LadderSvg.render(cut)))).as("the note on two lines left of the lifelines").contains(note);
        assertThat(LadderMermaid.render(cut)).contains("Note over L,R: " + note);
        assertThat(whole.within(whole.rows().size())).isSameAs(whole);
    }

    @Test
    void theServerReturningToListenAndAnIncarnationAndTimeWaitAreDrawn() throws Exception {
        Ladder threeWay = ladderOf("conf/two-way-handshake.conf", "1-three-way");
        List<State> serverStates = new ArrayList<>();
        for (Row r : threeWay.rows()) if (r.rightState() != null) serverStates.add(r.rightState());
        assertThat(serverStates).as("the ghost's SYN-RECEIVED is reset back to LISTEN")
                .containsSubsequence(State.SYN_RECEIVED, State.LISTEN);

        List<Ladder.Part> ghost = threeWay.parts();
        assertThat(ghost).as("the aborted connection, then the ghost the old SYN opens 2 s later").hasSize(2);
        assertThat(ghost.get(1).ladder().rows().get(0).rightState()).isEqualTo(State.SYN_RECEIVED);
        assertThat(ghost.get(1).fromEarlier()).singleElement().satisfies(a -> {
            assertThat(a.label()).isEqualTo("SYN seq=0 (dup)");
            assertThat(a.sentAt()).isEqualTo(10_000);
            assertThat(a.arrivedAt()).isEqualTo(ghost.get(1).ladder().rows().get(0).time());
        });
        assertThat(ghost.get(0).arrivingLater()).isEqualTo(1);
        assertThat(texts(Xml.parse(LadderSvg.render(threeWay)))).contains("incarnation 1 of this 4-tuple, from 10.000 ms",
                "incarnation 2 of this 4-tuple, from 2015.000 ms", "1 segment from an earlier incarnation →");

        Ladder cut = threeWay.within(4);
        assertThat(cut.parts()).as("an incarnation begun among the rows left out still has its own ladder").hasSize(2);
        Ladder.Part begunInCut = cut.parts().get(1);
        assertThat(Ladder.partHeading(begunInCut)).isEqualTo("incarnation 2 of this 4-tuple, begun among the rows left out");
        assertThat(begunInCut.ladder().left().initial()).as("not known").isNull();
        assertThat(texts(Xml.parse(LadderSvg.render(cut)))).contains(cut.omissionNote());

        Ladder shortened = ladderOf("conf/wandering-duplicates.conf", "2-shortened");
        assertThat(shortened.parts()).hasSize(2);
        Ladder.Part second = shortened.parts().get(1);
        assertThat(second.ladder().rows().get(0).time()).as("c2's SYN").isEqualTo(400_000);
        assertThat(second.ladder().left().initial()).isEqualTo(State.CLOSED);
        assertThat(second.fromEarlier()).as("the delayed copies of the first incarnation's data").isNotEmpty()
                .allSatisfy(a -> assertThat(a.label()).endsWith("(dup)"));
        Document wandering = Xml.parse(LadderSvg.render(shortened));
        assertThat(texts(wandering)).contains("incarnation 2 of this 4-tuple, from 400.000 ms")
                .anySatisfy(t -> assertThat(t).startsWith("TIME-WAIT 200.000 ms"));
        assertThat(LadderText.render(shortened)).contains("\n== incarnation 2 of this 4-tuple, from 400.000 ms\n   "
                + second.fromEarlier().size() + " segments sent by an earlier incarnation arrive in this one (first at ");
    }

    /**
     * lost-final-ack.conf without TIME-WAIT: the client enters TIME-WAIT and leaves it at one
     * instant, and the band's label "TIME-WAIT 0.000 ms" was squeezed between the two state rows
     * (24 px apart), overlapping CLOSED. A band with no gap wide enough for its label gets one.
     */
    @Test
    void noTwoTextsOfOneColumnShareALine() throws Exception {
        for (String point : List.of("hosts.client.tcp.time-wait=0s", "hosts.client.tcp.time-wait=4s")) {
            Document svg = Xml.parse(LadderSvg.render(ladderOf("conf/lost-final-ack.conf", point)));
            java.util.Map<String, List<Element>> columns = new java.util.TreeMap<>();
            for (Element t : Xml.elements(svg, "text")) {
                columns.computeIfAbsent(t.getAttribute("x") + " " + t.getAttribute("text-anchor"), k -> new ArrayList<>()).add(t);
            }
            if (point.endsWith("0s")) assertThat(texts(svg)).contains("TIME-WAIT 0.000 ms");
            columns.values().forEach(column -> {
                column.sort(java.util.Comparator.comparingDouble(t -> x(t, "y")));
                for (int k = 1; k < column.size(); k++) {
                    Element above = column.get(k - 1), below = column.get(k);
                    double lineHeight = 1.2 * Math.max(x(above, "font-size"), x(below, "font-size"));
                    assertThat(x(below, "y") - x(above, "y")).as(point + ": '" + above.getTextContent() + "' and '" + below.getTextContent() + "'")
                            .isGreaterThanOrEqualTo(lineHeight);
                }
            });
        }
    }

    private static Ladder ladderOf(String file, String point) {
        Settings base = ScenarioFile.load(Path.of(file), List.of());
        ScenarioFile.Point p = ScenarioFile.points(base).stream().filter(x -> x.label().equals(point)).findFirst().orElseThrow();
        RunResult r = Runner.run(ScenarioFile.settings(Path.of(file), List.of(), p, base), point, Runner.Options.quiet());
        return LadderChoice.of(r, "", false);
    }

    private static List<String> texts(Document svg) {
        return Xml.elements(svg, "text").stream().map(Element::getTextContent).toList();
    }

    private static double x(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    /** The y of the row whose time column reads {@code millis}. */
    private static double rowY(Document svg, String millis) {
        return Xml.elements(svg, "text").stream().filter(t -> t.getTextContent().equals(millis)).findFirst()
                .map(t -> x(t, "y")).orElseThrow();
    }
}
