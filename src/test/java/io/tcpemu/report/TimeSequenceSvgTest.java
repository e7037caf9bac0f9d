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
}
