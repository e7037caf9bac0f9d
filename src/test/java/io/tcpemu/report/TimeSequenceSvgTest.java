package io.tcpemu.report;

import static io.tcpemu.report.Scenarios.CLIENT_VIEW;
import static org.assertj.core.api.Assertions.assertThat;

import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceEvent.SegmentAction;
import io.tcpemu.trace.TraceEvent.SegmentEvent;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class TimeSequenceSvgTest {

    @Test
    void eachSegmentThatTakesSequenceNumbersIsAnIBeamRetransmissionsRedLossesCrossedAndAcksAStaircase() throws Exception {
        List<TraceEvent> trace = Scenarios.lostFin();
        Document svg = Xml.parse(TimeSequenceSvg.render(trace, CLIENT_VIEW, "client", "server"));
        long carrying = trace.stream().filter(e -> e instanceof SegmentEvent s && s.action() == SegmentAction.SENT
                && (s.segment().seqLength() > 0 || s.segment().isRst())).count();
        long retransmitted = trace.stream().filter(e -> e instanceof SegmentEvent s && s.action() == SegmentAction.SENT
                && s.retransmission()).count();

        List<Element> lines = Xml.elements(svg, "line");
        List<String> beams = lines.stream().map(l -> l.getAttribute("class")).filter(c -> c.startsWith("segment")).toList();
        assertThat(beams).as("one I-beam per segment that carries sequence numbers").hasSize((int) carrying);
        assertThat(beams).filteredOn(c -> c.equals("segment lost")).as("the lost FIN").hasSize(1);
        assertThat(beams).filteredOn(c -> c.equals("segment retransmitted")).hasSize((int) retransmitted);
        List<String> texts = Xml.elements(svg, "text").stream().map(Element::getTextContent).toList();
        assertThat(texts).contains("X", "emulated time (ms)", "sequence number (bytes from ISN)", "client → server", "server → client");
        assertThat(Xml.elements(svg, "path")).filteredOn(p -> p.getAttribute("class").equals("acks"))
                .as("each side's acknowledgements").hasSize(2);
    }

    /** Issue 19: the FIN label lay on the ACK staircase. No label may cover a line of the graph or another label. */
    @Test
    void noFlagOrLossLabelCoversTheAckStaircaseAnIBeamOrAnotherLabel() throws Exception {
        for (List<TraceEvent> trace : List.of(Scenarios.lostFin(), Scenarios.handshakeDataClose(), Scenarios.simultaneousClose(),
                Scenarios.lostFinalAck())) {
            Document svg = Xml.parse(TimeSequenceSvg.render(trace, CLIENT_VIEW, "client", "server"));
            List<LabelSpace.Box> lines = new java.util.ArrayList<>();
            for (Element path : Xml.elements(svg, "path")) {
                if (!path.getAttribute("class").equals("acks")) continue;
                String[] parts = path.getAttribute("d").substring(1).split(" ");
                String[] start = parts[0].split(",");
                double px = Double.parseDouble(start[0]), py = Double.parseDouble(start[1]);
                for (int i = 1; i < parts.length; i++) {
                    double v = Double.parseDouble(parts[i].substring(1));
                    boolean h = parts[i].charAt(0) == 'H';
                    lines.add(new LabelSpace.Box(Math.min(px, h ? v : px), Math.min(py, h ? py : v), Math.max(px, h ? v : px), Math.max(py, h ? py : v)));
                    if (h) px = v; else py = v;
                }
            }
            for (Element l : Xml.elements(svg, "line")) {
                if (!l.getAttribute("class").startsWith("segment")) continue;
                double x = Double.parseDouble(l.getAttribute("x1"));
                double y1 = Double.parseDouble(l.getAttribute("y1")), y2 = Double.parseDouble(l.getAttribute("y2"));
                lines.add(new LabelSpace.Box(x - 3, Math.min(y1, y2), x + 3, Math.max(y1, y2)));
            }
            List<LabelSpace.Box> labels = new java.util.ArrayList<>();
            for (Element t : Xml.elements(svg, "text")) {
                String text = t.getTextContent();
                if (!List.of("SYN", "SYN-ACK", "FIN", "RST", "X").contains(text)) continue;
                int size = Integer.parseInt(t.getAttribute("font-size"));
                labels.add(LabelSpace.box(new LabelSpace.Place(Double.parseDouble(t.getAttribute("x")), Double.parseDouble(t.getAttribute("y"))),
                        text.length(), size));
            }
            assertThat(labels).as("SYN, SYN-ACK, FIN and X labels of both directions").hasSizeGreaterThanOrEqualTo(4);
            for (int i = 0; i < labels.size(); i++) {
                LabelSpace.Box label = labels.get(i);
                assertThat(lines).as("lines under label %s", label).noneMatch(label::overlaps);
                for (int j = i + 1; j < labels.size(); j++) assertThat(label.overlaps(labels.get(j))).as("%s and %s", label, labels.get(j)).isFalse();
            }
        }
    }

    /**
     * Issue 19: in a handshake the client's ACK is the last segment, so the lower panel's staircase
     * began where the graph ended and was drawn with no length; and the first SYN lay on the y axis.
     */
    @Test
    void theLastAcknowledgementIsAVisibleStepAndNoIBeamLiesOnTheAxis() throws Exception {
        List<TraceEvent> handshake = Scenarios.handshake(new TraceBuilder()).events();
        Document svg = Xml.parse(TimeSequenceSvg.render(handshake, CLIENT_VIEW, "client", "server"));
        List<Element> acks = Xml.elements(svg, "path").stream().filter(p -> p.getAttribute("class").equals("acks")).toList();
        assertThat(acks).as("each side acknowledges").hasSize(2);
        for (Element path : acks) {
            String[] parts = path.getAttribute("d").split(" ");
            double from = Double.parseDouble(parts[0].substring(1).split(",")[0]);
            double to = Double.parseDouble(parts[parts.length - 1].substring(1));
            assertThat(to - from).as("horizontal length of %s", path.getAttribute("d")).isGreaterThanOrEqualTo(TimeSequenceSvg.INSET);
        }
        double yAxis = Xml.elements(svg, "line").stream().filter(l -> l.getAttribute("x1").equals(l.getAttribute("x2"))
                && !l.getAttribute("class").startsWith("segment")).mapToDouble(l -> Double.parseDouble(l.getAttribute("x1"))).min().orElseThrow();
        assertThat(Xml.elements(svg, "line")).filteredOn(l -> l.getAttribute("class").startsWith("segment")).hasSize(2)
                .allSatisfy(l -> assertThat(Double.parseDouble(l.getAttribute("x1")) - yAxis).isGreaterThanOrEqualTo(TimeSequenceSvg.INSET));
    }

    @Test
    void theHandshakesAnswerIsLabelledSynAckAndTheOpeningSynSyn() throws Exception {
        Document svg = Xml.parse(TimeSequenceSvg.render(Scenarios.handshake(new TraceBuilder()).events(), CLIENT_VIEW, "client", "server"));
        List<String> labels = Xml.elements(svg, "text").stream().map(Element::getTextContent)
                .filter(t -> t.startsWith("SYN")).toList();
        assertThat(labels).containsExactlyInAnyOrder("SYN", "SYN-ACK");
    }

    /**
     * The staircase is the sender's view: it rises when an ACK arrives, so the client's lost final
     * ACK (sent at 21 ms) never raises the server's, which rises to the FIN only when the ACK of
     * the retransmitted FIN arrives (222 ms). It rose at each ACK's sending, the lost one's too.
     */
    @Test
    void theStaircaseRisesWhenAnAckArrivesAndNeverForALostOne() {
        TimeSequenceSvg.Traffic traffic = TimeSequenceSvg.Traffic.of(Scenarios.lostFinalAck(), CLIENT_VIEW);
        // the server's data (ISN 300) as the server learns the client acknowledged it: SYN-ACK at 3 ms, FIN at 222 ms
        assertThat(traffic.acks(false)).containsExactly(new TimeSequenceSvg.Ack(3_000, 1), new TimeSequenceSvg.Ack(222_000, 2));
        assertThat(traffic.lostAcks(false)).containsExactly(new TimeSequenceSvg.Ack(21_000, 2));
        // the client's data (ISN 100): the server's ACKs as they arrive; its FIN's ACK 202 again (twice) raises nothing
        assertThat(traffic.acks(true)).containsExactly(new TimeSequenceSvg.Ack(2_000, 1), new TimeSequenceSvg.Ack(4_000, 101),
                new TimeSequenceSvg.Ack(12_000, 102));
    }

    /** A copy of an old ACK that arrives late (a link duplicated it) does not take the staircase back down. */
    @Test
    void aLateCopyOfAnOldAckDoesNotLowerTheStaircase() {
        List<TraceEvent> trace = new java.util.ArrayList<>(Scenarios.handshakeDataClose());
        io.tcpemu.tcp.Segment synAck = TraceBuilder.segment(Scenarios.SERVER, Scenarios.CLIENT, io.tcpemu.tcp.Flags.SYN | io.tcpemu.tcp.Flags.ACK, 300, 101, 0);
        trace.add(new SegmentEvent(15_000, SegmentAction.DELIVERED, "client", synAck, false, ""));
        trace.sort(java.util.Comparator.comparingLong(TraceEvent::time));
        assertThat(TimeSequenceSvg.Traffic.of(trace, CLIENT_VIEW).acks(true)).extracting(TimeSequenceSvg.Ack::value)
                .containsExactly(1L, 101L, 102L);
    }

    /** A lost pure ACK takes no sequence numbers: it is crossed out where it was sent, off the sender's staircase. */
    @Test
    void aLostPureAckIsCrossedOutWhereItWasSentAndTheStaircaseDoesNotStepThere() throws Exception {
        Document svg = Xml.parse(TimeSequenceSvg.render(Scenarios.lostFinalAck(), CLIENT_VIEW, "client", "server"));
        List<Element> lostAcks = Xml.elements(svg, "line").stream().filter(l -> l.getAttribute("class").equals("ack lost")).toList();
        assertThat(lostAcks).as("the client's lost final ACK, and nothing else").hasSize(1);
        Element tick = lostAcks.get(0);
        assertThat(tick.getAttribute("stroke")).isEqualTo(Xml.elements(svg, "line").stream()
                .filter(l -> l.getAttribute("class").equals("segment retransmitted")).findFirst().orElseThrow().getAttribute("stroke"));
        double x = (Double.parseDouble(tick.getAttribute("x1")) + Double.parseDouble(tick.getAttribute("x2"))) / 2;
        double y = Double.parseDouble(tick.getAttribute("y1"));
        // the lower panel's staircase (the server's data, acknowledged by the client) rises to it later, when the next ACK arrives
        List<String> staircases = Xml.elements(svg, "path").stream().filter(p -> p.getAttribute("class").equals("acks"))
                .map(p -> p.getAttribute("d")).toList();
        assertThat(staircases).as("staircases, none with a step at (%s, %s)", x, y).noneMatch(d -> hasStep(d, x, y));
        assertThat(staircases).as("a step up to %s after %s", y, x).anyMatch(d -> stepsTo(d, y, x));
        List<Element> crosses = Xml.elements(svg, "text").stream().filter(t -> t.getTextContent().equals("X")).toList();
        assertThat(crosses).as("an X beside it, and none for the segments that arrived").hasSize(1)
                .allSatisfy(t -> assertThat(Math.abs(Double.parseDouble(t.getAttribute("x")) - x)).isLessThan(40));
    }

    /** Whether a staircase path ("M x,y H x V y ...") rises to {@code y} right of {@code after}. */
    private static boolean stepsTo(String d, double y, double after) {
        String[] parts = d.split(" ");
        for (int i = 1; i + 1 < parts.length; i++) {
            if (parts[i].startsWith("H") && parts[i + 1].startsWith("V")
                    && Double.parseDouble(parts[i].substring(1)) > after + 1
                    && Math.abs(Double.parseDouble(parts[i + 1].substring(1)) - y) < 0.1) return true;
        }
        return false;
    }

    /** Whether a staircase path ("M x,y H x V y ...") turns at ({@code x}, {@code y}), to a tenth of a pixel. */
    private static boolean hasStep(String d, double x, double y) {
        String[] parts = d.split(" ");
        for (int i = 1; i + 1 < parts.length; i++) {
            if (parts[i].startsWith("H") && parts[i + 1].startsWith("V")
                    && Math.abs(Double.parseDouble(parts[i].substring(1)) - x) < 0.1
                    && Math.abs(Double.parseDouble(parts[i + 1].substring(1)) - y) < 0.1) return true;
        }
        return false;
    }
}
